package io.watchtogether.command.accounts;

import io.watchtogether.command.access.JsonBodies;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.Map;

/** {@code POST /auth/register} and {@code POST /auth/login}. */
@RestController
public class AccountController {

    private final AccountService accounts;

    public AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/auth/register")
    public ResponseEntity<Map<String, Object>> register(@RequestBody(required = false) byte[] body) {
        JsonNode json = JsonBodies.parseObject(body);
        AccountService.SignedIn user = accounts.register(JsonBodies.text(json, "username"), JsonBodies.text(json, "password"));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("success", true, "data", user));
    }

    @PostMapping("/auth/login")
    public Map<String, Object> login(@RequestBody(required = false) byte[] body) {
        JsonNode json = JsonBodies.parseObject(body);
        return Map.of("success", true, "data", accounts.login(JsonBodies.text(json, "username"), JsonBodies.text(json, "password")));
    }
}

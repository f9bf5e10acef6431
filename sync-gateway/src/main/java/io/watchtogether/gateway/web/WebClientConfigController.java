package io.watchtogether.gateway.web;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /client-config.json}: the settings the web client (and other pages embedding
 * {@code watch-together.js}) read before they call the REST API: where command-api is.
 */
@RestController
class WebClientConfigController {

    private final WebClientProperties properties;

    WebClientConfigController(WebClientProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/client-config.json")
    ResponseEntity<Map<String, Object>> config() {
        Map<String, Object> config = new HashMap<>();
        config.put("apiUrl", properties.apiUrl());
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(config);
    }
}

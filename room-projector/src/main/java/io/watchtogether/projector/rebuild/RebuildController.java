package io.watchtogether.projector.rebuild;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The admin endpoint of the rebuild, on the projector's HTTP port: {@code POST /admin/rebuild} starts one
 * (202, with its status and a {@code Location}), {@code GET /admin/rebuild/{id}} tells how far it is.
 * Present unless {@code watch-together.projector.admin.enabled=false}; when {@code ADMIN_TOKEN} is set, every
 * request needs {@code Authorization: Bearer <that token>}.
 */
@RestController
@RequestMapping("/admin/rebuild")
@ConditionalOnBooleanProperty(name = "watch-together.projector.admin.enabled", matchIfMissing = true)
class RebuildController {

    private static final String BEARER = "Bearer ";

    private final RebuildJobs jobs;
    private final AdminProperties admin;

    RebuildController(RebuildJobs jobs, AdminProperties admin) {
        this.jobs = jobs;
        this.admin = admin;
    }

    @PostMapping
    ResponseEntity<?> start(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!authorized(authorization)) {
            return unauthorized();
        }
        try {
            RebuildProgress rebuild = jobs.start();
            return ResponseEntity.accepted().location(URI.create("/admin/rebuild/" + rebuild.id())).body(rebuild.status());
        } catch (RebuildJobs.AlreadyRunning e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "A rebuild is already running: " + e.getMessage());
            problem.setTitle("Rebuild already running");
            problem.setProperty("runningRebuild", e.getMessage());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
    }

    @GetMapping("/{id}")
    ResponseEntity<?> status(@PathVariable String id,
                             @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!authorized(authorization)) {
            return unauthorized();
        }
        return jobs.find(id).<ResponseEntity<?>>map(rebuild -> ResponseEntity.ok(rebuild.status()))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND, "No rebuild " + id + " started by this instance")));
    }

    private boolean authorized(String authorization) {
        if (!admin.requiresToken()) {
            return true;
        }
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return false;
        }
        return MessageDigest.isEqual(authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8),
                admin.token().getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseEntity<ProblemDetail> unauthorized() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "Admin requests need Authorization: Bearer <ADMIN_TOKEN>");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").body(problem);
    }
}

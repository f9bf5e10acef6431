package io.watchtogether.command.problems;

import io.watchtogether.command.accounts.AccountException;
import io.watchtogether.events.Rejection;
import io.watchtogether.events.client.IdentityMismatchException;
import io.watchtogether.events.client.InvalidRequestException;
import io.watchtogether.tokens.InvalidTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Every failure becomes an RFC 9457 {@code application/problem+json} body with a {@code code} and
 * {@code success: false} (the guide's clients look at {@code success}); never a stack trace.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(RoomProblem.class)
    public ResponseEntity<Object> rejected(RoomProblem e) {
        Rejection rejection = e.rejection();
        ProblemDetail problem = problem(rejection.reason().status(), rejection.reason().title(),
                rejection.reason().name(), rejection.detail());
        if (rejection.reason() == Rejection.Reason.VERSION_CONFLICT && e.currentVersion() != null) {
            problem.setProperty("currentVersion", e.currentVersion());
        }
        return respond(problem);
    }

    @ExceptionHandler(InvalidRequestException.class)
    public ResponseEntity<Object> invalid(InvalidRequestException e) {
        return respond(problem(400, "Invalid request", "INVALID_REQUEST", e.getMessage()));
    }

    @ExceptionHandler(IdentityMismatchException.class)
    public ResponseEntity<Object> impersonation(IdentityMismatchException e) {
        return respond(problem(403, "Not allowed", "IDENTITY_MISMATCH", e.getMessage()));
    }

    @ExceptionHandler(InvalidTokenException.class)
    public ResponseEntity<Object> unauthenticated(InvalidTokenException e) {
        ProblemDetail problem = problem(401, "Unauthorized", "TOKEN_" + e.reason().name(),
                e.getMessage() + "; send Authorization: Bearer <token> from /auth/login");
        return ResponseEntity.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(AccountException.class)
    public ResponseEntity<Object> account(AccountException e) {
        return respond(problem(e.kind().status(), HttpStatus.valueOf(e.kind().status()).getReasonPhrase(),
                e.kind().name(), e.getMessage()));
    }

    @ExceptionHandler(TimeoutException.class)
    public ResponseEntity<Object> timeout(TimeoutException e) {
        return respond(problem(504, "Gateway Timeout", "PROCESSOR_TIMEOUT",
                "The room processor did not answer in time; retrying with the same Idempotency-Key is safe"));
    }

    @ExceptionHandler({CompletionException.class, ExecutionException.class})
    public ResponseEntity<Object> unwrap(Exception e, WebRequest request) throws Exception {
        Throwable cause = e.getCause();
        if (cause instanceof RoomProblem p) {
            return rejected(p);
        }
        if (cause instanceof TimeoutException t) {
            return timeout(t);
        }
        if (cause instanceof InvalidRequestException i) {
            return invalid(i);
        }
        return unexpected(cause instanceof Exception ex ? ex : e);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return respond(problem(500, "Internal Server Error", "INTERNAL_ERROR",
                "Something went wrong on our side; it has been logged"));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            problem.setProperty("success", false);
            if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
                problem.setProperty("code", HttpStatus.valueOf(status.value()).name());
            }
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ProblemDetail problem(int status, String title, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setTitle(title);
        problem.setProperty("code", code);
        problem.setProperty("success", false);
        return problem;
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}

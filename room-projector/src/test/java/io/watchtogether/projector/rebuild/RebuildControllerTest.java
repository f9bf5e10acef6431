package io.watchtogether.projector.rebuild;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class RebuildControllerTest {

    // With a token, nothing reaches the rebuild without it: no rebuild runs behind these requests.
    private final RebuildController controller =
            new RebuildController(new RebuildJobs(null), new AdminProperties(true, "s3cret"));

    @Test
    void with_an_admin_token_a_request_without_it_is_refused() {
        ResponseEntity<?> response = controller.start(null);

        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void with_an_admin_token_a_wrong_one_is_refused() {
        assertThat(controller.start("Bearer guess").getStatusCode().value()).isEqualTo(401);
        assertThat(controller.status("rebuild-1", "Bearer guess").getStatusCode().value()).isEqualTo(401);
        assertThat(controller.status("rebuild-1", "s3cret").getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void with_the_right_token_an_unknown_rebuild_is_not_found() {
        assertThat(controller.status("rebuild-1", "Bearer s3cret").getStatusCode().value()).isEqualTo(404);
    }
}

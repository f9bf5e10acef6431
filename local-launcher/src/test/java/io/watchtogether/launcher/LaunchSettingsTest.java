package io.watchtogether.launcher;

import io.watchtogether.infrastructure.EmbeddedInfrastructure.Ports;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchSettingsTest {

    @Test
    void without_variables_everything_runs_on_its_standard_port_with_a_generated_secret() {
        LaunchSettings settings = LaunchSettings.from(Map.<String, String>of()::get);

        assertThat(settings).isEqualTo(new LaunchSettings(new Ports(9092, 6379, 27017), 3000, 3001, 3002, null));
    }

    @Test
    void variables_move_each_port_and_give_the_secret() {
        Map<String, String> variables = Map.of(
                "KAFKA_PORT", "19092", "REDIS_PORT", "16379", "MONGO_PORT", "0",
                "COMMAND_API_PORT", "4000", "SYNC_GATEWAY_PORT", "4001", "PROJECTOR_PORT", " 4002 ",
                "JWT_SECRET", "a-secret-of-sufficient-length");

        assertThat(LaunchSettings.from(variables::get)).isEqualTo(new LaunchSettings(
                new Ports(19092, 16379, 0), 4000, 4001, 4002, "a-secret-of-sufficient-length"));
    }

    @Test
    void a_port_that_is_not_a_number_is_refused_naming_its_variable() {
        assertThatThrownBy(() -> LaunchSettings.from(Map.of("REDIS_PORT", "redis")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REDIS_PORT")
                .hasMessageContaining("'redis'");
    }

    @Test
    void the_secret_never_appears_in_the_settings_text() {
        LaunchSettings settings = LaunchSettings.defaults().withJwtSecret("a-secret-of-sufficient-length");

        assertThat(settings.toString()).doesNotContain("a-secret-of-sufficient-length");
    }
}

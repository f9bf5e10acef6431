package io.watchtogether.gateway.presence;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PresencePropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PresenceProperties.class)
    static class Presence {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Presence.class);

    @Test
    void by_default_three_missed_ten_second_heartbeats_or_fifteen_seconds_away_make_a_user_leave() {
        runner.run(context -> {
            PresenceProperties properties = context.getBean(PresenceProperties.class);
            assertThat(properties.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.disconnectGrace()).isEqualTo(Duration.ofSeconds(15));
        });
    }

    @Test
    void startup_fails_when_notes_in_redis_would_expire_between_two_sweeps() {
        runner.withPropertyValues("watch-together.gateway.presence.sweep-interval=20s")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("claim-ttl more than twice sweep-interval"));
    }
}

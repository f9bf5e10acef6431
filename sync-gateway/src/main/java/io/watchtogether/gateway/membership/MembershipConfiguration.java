package io.watchtogether.gateway.membership;

import io.watchtogether.readmodel.RoomReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
class MembershipConfiguration {

    static final String LOOKUP_EXECUTOR = "membershipLookupExecutor";

    @Bean
    RoomReadModel roomReadModel(StringRedisTemplate redis, MembershipProperties properties) {
        return new RoomReadModel(redis, properties.readModelKeyPrefix());
    }

    /**
     * Runs the read-model lookups that end a subscribe wait, off the JDK's timer thread (which completes the
     * waits and must never block).
     */
    @Bean(LOOKUP_EXECUTOR)
    ThreadPoolTaskExecutor membershipLookupExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(4);
        executor.setQueueCapacity(10_000);
        executor.setThreadNamePrefix("membership-lookup-");
        return executor;
    }
}

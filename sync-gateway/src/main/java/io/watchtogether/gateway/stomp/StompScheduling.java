package io.watchtogether.gateway.stomp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

@Configuration(proxyBeanMethods = false)
class StompScheduling {

    static final String HEARTBEAT_SCHEDULER = "stompHeartbeatScheduler";

    /** Sends and checks STOMP heart-beats for the simple broker; one thread does for thousands of sessions. */
    @Bean(HEARTBEAT_SCHEDULER)
    ThreadPoolTaskScheduler stompHeartbeatScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("stomp-heartbeat-");
        scheduler.setDaemon(true);
        return scheduler;
    }
}

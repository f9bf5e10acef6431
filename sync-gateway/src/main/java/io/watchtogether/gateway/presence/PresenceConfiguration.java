package io.watchtogether.gateway.presence;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Adds presence tracking to the inbound STOMP channel (Spring combines every
 * {@link WebSocketMessageBrokerConfigurer}'s interceptors) and gives the sweep its thread.
 */
@Configuration(proxyBeanMethods = false)
class PresenceConfiguration implements WebSocketMessageBrokerConfigurer {

    static final String SCHEDULER = "presenceScheduler";

    private final PresenceTracking tracking;

    PresenceConfiguration(PresenceTracking tracking) {
        this.tracking = tracking;
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(tracking);
    }

    @Bean(SCHEDULER)
    ThreadPoolTaskScheduler presenceScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("presence-sweep-");
        scheduler.setDaemon(true);
        return scheduler;
    }
}

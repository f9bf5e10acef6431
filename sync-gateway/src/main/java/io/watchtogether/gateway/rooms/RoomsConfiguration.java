package io.watchtogether.gateway.rooms;

import io.watchtogether.commands.CommandClient;
import io.watchtogether.commands.CommandClientSettings;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.UUID;

@Configuration(proxyBeanMethods = false)
class RoomsConfiguration {

    @Bean(destroyMethod = "close")
    CommandClient commandClient(KafkaConnectionDetails kafka, CommandProperties properties) {
        return new CommandClient(new CommandClientSettings(
                String.join(",", kafka.getBootstrapServers()),
                properties.clientIdPrefix() + "-" + UUID.randomUUID().toString().substring(0, 8),
                properties.commandsTopic(),
                properties.resultsTopic(),
                properties.timeout(),
                properties.lingerMs(),
                properties.fetchMaxWaitMs()));
    }
}

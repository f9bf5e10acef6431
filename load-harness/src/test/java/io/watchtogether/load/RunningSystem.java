package io.watchtogether.load;

import io.watchtogether.command.CommandApiApplication;
import io.watchtogether.gateway.SyncGatewayApplication;
import io.watchtogether.infrastructure.Infrastructure;
import io.watchtogether.infrastructure.TestInfrastructure;
import io.watchtogether.projector.RoomProjectorApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;

/**
 * The three services as separate Spring applications in this JVM (as the local launcher runs them), on
 * free ports, against the shared test infrastructure. Tests talk to them over HTTP and WebSocket only.
 * (A copy of system-tests' RunningSystem.)
 */
final class RunningSystem implements AutoCloseable {

    static final String SECRET = "load-harness-secret-0123456789";

    private final ConfigurableApplicationContext commandApi;
    private final ConfigurableApplicationContext projector;
    private final ConfigurableApplicationContext gateway;

    private RunningSystem(ConfigurableApplicationContext commandApi, ConfigurableApplicationContext projector,
                          ConfigurableApplicationContext gateway) {
        this.commandApi = commandApi;
        this.projector = projector;
        this.gateway = gateway;
    }

    /**
     * Starts the three services on topics, a Streams application id and a projector group of their own, so
     * this system neither sees nor waits for what other test classes appended to the shared broker.
     */
    static RunningSystem start() {
        Infrastructure infra = TestInfrastructure.get();
        String run = "run-" + System.nanoTime();
        String commands = "room.commands." + run;
        String events = "room.events." + run;
        String results = "room.command-results." + run;
        List<String> common = List.of(
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--spring.data.redis.url=" + infra.redisUrl(),
                "--spring.mongodb.uri=" + infra.mongoUri(),
                "--server.port=0");
        ConfigurableApplicationContext api = CommandApiApplication.run(with(common,
                "--watch-together.jwt.secret=" + SECRET, "--watch-together.accounts.bcrypt-cost=4",
                "--watch-together.topics.commands=" + commands, "--watch-together.topics.events=" + events,
                "--watch-together.topics.command-results=" + results,
                "--watch-together.processor.application-id=room-processor-" + run));
        ConfigurableApplicationContext projector = RoomProjectorApplication.run(with(common,
                "--watch-together.projector.topic=" + events, "--watch-together.projector.group-id=" + run));
        ConfigurableApplicationContext gateway = SyncGatewayApplication.run(with(common,
                "--watch-together.gateway.tokens.secret=" + SECRET,
                "--watch-together.gateway.commands.commands-topic=" + commands,
                "--watch-together.gateway.commands.results-topic=" + results,
                "--watch-together.gateway.fan-out.events-topic=" + events));
        return new RunningSystem(api, projector, gateway);
    }

    int apiPort() {
        return port(commandApi);
    }

    int gatewayPort() {
        return port(gateway);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String[] with(List<String> common, String... more) {
        return java.util.stream.Stream.concat(common.stream(), java.util.Arrays.stream(more)).toArray(String[]::new);
    }

    @Override
    public void close() {
        gateway.close();
        projector.close();
        commandApi.close();
    }
}

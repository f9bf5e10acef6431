package io.watchtogether.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Life cycle of {@link EmbeddedInfrastructure}, as used by the local launcher. */
class EmbeddedInfrastructureTest {

    @Test
    void it_starts_closes_and_starts_again_on_the_same_fixed_ports_in_one_jvm() throws Exception {
        EmbeddedInfrastructure.Ports ports = new EmbeddedInfrastructure.Ports(
                PortCheck.freePort(), PortCheck.freePort(), PortCheck.freePort());

        EmbeddedInfrastructure first = EmbeddedInfrastructure.start(ports);
        Path kafkaData = first.kafkaDataDirectory();
        try {
            assertThat(first.kafkaBootstrapServers()).isEqualTo("127.0.0.1:" + ports.kafka());
            assertThat(first.redisUrl()).isEqualTo("redis://127.0.0.1:" + ports.redis());
            assertThat(first.mongoUri()).isEqualTo("mongodb://127.0.0.1:" + ports.mongo() + "/watchtogether");
            assertThat(first.description()).contains("127.0.0.1:" + ports.kafka()).doesNotContain("\n");
            assertAllReachable(first);
            assertThat(kafkaData).isDirectory();
        }
        finally {
            first.close();
        }
        first.close(); // idempotent

        assertThat(kafkaData).doesNotExist();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                PortCheck.isFree(ports.kafka()) && PortCheck.isFree(ports.redis()) && PortCheck.isFree(ports.mongo()));

        try (EmbeddedInfrastructure second = EmbeddedInfrastructure.start(ports)) {
            assertThat(second.kafkaDataDirectory()).isNotEqualTo(kafkaData);
            assertAllReachable(second);
        }
    }

    @Test
    void a_taken_fixed_port_fails_with_a_clear_message_before_anything_starts() throws IOException {
        try (ServerSocket occupied = new ServerSocket()) {
            occupied.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = occupied.getLocalPort();

            assertThatThrownBy(() -> EmbeddedInfrastructure.start(new EmbeddedInfrastructure.Ports(0, port, 0)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Redis port " + port + " already in use");
        }
    }

    @Test
    void ports_are_validated() {
        assertThat(EmbeddedInfrastructure.Ports.defaults()).isEqualTo(new EmbeddedInfrastructure.Ports(9092, 6379, 27017));
        assertThat(EmbeddedInfrastructure.Ports.random()).isEqualTo(new EmbeddedInfrastructure.Ports(0, 0, 0));
        assertThatThrownBy(() -> new EmbeddedInfrastructure.Ports(-1, 0, 70000)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertAllReachable(Infrastructure infrastructure) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
        }
        RedisClient redis = RedisClient.create(infrastructure.redisUrl());
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        }
        finally {
            redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        try (MongoClient mongo = MongoClients.create(infrastructure.mongoUri())) {
            assertThat(mongo.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok")).isIn(1, 1.0);
        }
    }
}

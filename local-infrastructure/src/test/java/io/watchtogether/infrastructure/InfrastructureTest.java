package io.watchtogether.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The shared test infrastructure (embedded on a machine without Docker) really behaves like the real servers. */
@WithInfrastructure
class InfrastructureTest {

    private final Infrastructure infrastructure = TestInfrastructure.get();

    @Test
    void without_a_docker_engine_the_embedded_infrastructure_is_used() {
        assumeThat(ContainerInfrastructure.dockerAvailable()).isFalse();
        assertThat(infrastructure).isInstanceOf(EmbeddedInfrastructure.class);
        assertThat(infrastructure.kafkaBootstrapServers()).startsWith("127.0.0.1:");
    }

    @Test
    void kafka_transactions_commit_on_the_single_broker() throws Exception {
        String topic = "transactions-" + UUID.randomUUID();
        KafkaTopics.createTopics(infrastructure.kafkaBootstrapServers(), 1, topic);
        KafkaTopics.createTopics(infrastructure.kafkaBootstrapServers(), 1, topic); // idempotent

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + topic,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "room-1", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "room-1", "committed"));
            producer.commitTransaction();
        }

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return values.contains("committed");
            });
            assertThat(values).containsExactly("committed");
        }
    }

    @Test
    void redis_answers_ping_set_get_and_runs_lua_scripts() {
        RedisClient client = RedisClient.create(infrastructure.redisUrl());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            assertThat(redis.ping()).isEqualTo("PONG");

            redis.set("greeting", "hello");
            assertThat(redis.get("greeting")).isEqualTo("hello");

            Long counter = redis.eval("return redis.call('INCRBY', KEYS[1], ARGV[1])",
                    ScriptOutputType.INTEGER, new String[] {"counter-" + UUID.randomUUID()}, "5");
            assertThat(counter).isEqualTo(5L);
        }
        finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void mongo_inserts_finds_and_enforces_unique_indexes() {
        try (MongoClient client = MongoClients.create(infrastructure.mongoUri())) {
            MongoCollection<Document> users = client.getDatabase("watchtogether").getCollection("users-" + UUID.randomUUID());
            users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));

            users.insertOne(new Document("email", "ada@example.org").append("name", "Ada"));
            Document found = users.find(Filters.eq("email", "ada@example.org")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("name")).isEqualTo("Ada");

            assertThatThrownBy(() -> users.insertOne(new Document("email", "ada@example.org").append("name", "Eve")))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
            assertThat(users.countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void the_spring_properties_point_at_the_shared_infrastructure() {
        assertThat(System.getProperty(TestInfrastructure.KAFKA_PROPERTY)).isEqualTo(infrastructure.kafkaBootstrapServers());
        assertThat(System.getProperty(TestInfrastructure.REDIS_PROPERTY)).isEqualTo(infrastructure.redisUrl());
        assertThat(System.getProperty(TestInfrastructure.MONGO_PROPERTY)).isEqualTo(infrastructure.mongoUri());
    }
}

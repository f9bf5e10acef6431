package io.watchtogether.infrastructure;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/** Topic administration for local runs and tests. */
public final class KafkaTopics {

    private static final int TIMEOUT_SECONDS = 30;

    private KafkaTopics() {
    }

    /**
     * Creates the topics with replication factor 1 (a single broker). Topics that already exist are left as they
     * are, whatever their partition count, so calling this again is harmless.
     *
     * @throws IllegalStateException if a topic cannot be created
     */
    public static void createTopics(String bootstrap, int partitions, String... names) {
        if (names.length == 0) {
            return;
        }
        List<NewTopic> topics = Arrays.stream(names).distinct().map(name -> new NewTopic(name, partitions, (short) 1)).toList();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000);
        try (Admin admin = Admin.create(config)) {
            for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(topics).values().entrySet()) {
                await(result.getKey(), result.getValue());
            }
        }
    }

    private static void await(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
        catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + topic, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }
}

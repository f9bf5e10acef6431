package io.watchtogether.infrastructure;

/**
 * The running infrastructure the services need: a Kafka cluster, a Redis server and a MongoDB-compatible server.
 * <p>
 * Implementations are started by a static factory and stopped by {@link #close()}.
 */
public interface Infrastructure extends AutoCloseable {

    /** Kafka {@code bootstrap.servers}, e.g. {@code 127.0.0.1:9092}. */
    String kafkaBootstrapServers();

    /** Redis URL, e.g. {@code redis://127.0.0.1:6379}. */
    String redisUrl();

    /** MongoDB connection string including the database, e.g. {@code mongodb://127.0.0.1:27017/watchtogether}. */
    String mongoUri();

    /** One line telling what runs where. */
    String description();

    /** Stops everything. Never throws and may be called more than once. */
    @Override
    void close();
}

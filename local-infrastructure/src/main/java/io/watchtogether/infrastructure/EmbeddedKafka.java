package io.watchtogether.infrastructure;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One in-process Kafka broker in KRaft combined mode (broker and controller in one node), from spring-kafka-test.
 */
final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    // Listener names used by Kafka's KafkaClusterTestKit; it pre-binds random ports for these two.
    private static final String TEST_KIT_BROKER_LISTENER = "EXTERNAL";
    private static final String TEST_KIT_CONTROLLER_LISTENER = "CONTROLLER";
    // The test kit ignores ports given for its own listeners, so clients get an extra listener we fully control.
    private static final String CLIENT_LISTENER = "LOCAL";
    // Registered by Kafka's TestUtils.tempDirectory() for the broker's data directory, see start().
    private static final String TEMP_DIR_HOOK = "delete-temp-file-shutdown-hook";

    private final EmbeddedKafkaKraftBroker broker;
    private final String bootstrapServers;
    private final Path dataDirectory;

    private EmbeddedKafka(EmbeddedKafkaKraftBroker broker, String bootstrapServers, Path dataDirectory) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.dataDirectory = dataDirectory;
    }

    /** Starts a broker whose client listener is on {@code 127.0.0.1:port}; port 0 picks a free one. */
    static synchronized EmbeddedKafka start(int port) {
        BrokerLogging.quiet();
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(brokerProperties(port));
        // Otherwise it overwrites spring.kafka.bootstrap-servers with the test kit's listener.
        broker.brokerListProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        // Kafka would delete the data directory in its own shutdown hook, racing a close() run from the
        // application's shutdown hook (Ctrl-C) and logging storage errors. close() deletes it instead.
        Exit.setShutdownHookAdder((name, hook) -> {
            if (!TEMP_DIR_HOOK.equals(name)) {
                Runtime.getRuntime().addShutdownHook(new Thread(hook, name == null ? "kafka-shutdown-hook" : name));
            }
        });
        try {
            broker.afterPropertiesSet();
        }
        finally {
            Exit.resetShutdownHookAdder();
        }
        try {
            KafkaClusterTestKit cluster = Objects.requireNonNull(broker.getCluster(), "cluster");
            int boundPort = cluster.brokers().values().iterator().next()
                    .boundPort(ListenerName.normalised(CLIENT_LISTENER));
            String bootstrap = PortCheck.LOOPBACK + ":" + boundPort;
            return new EmbeddedKafka(broker, bootstrap, Path.of(cluster.nodes().baseDirectory()));
        }
        catch (RuntimeException e) {
            broker.destroy();
            throw e;
        }
    }

    static Map<String, String> brokerProperties(int port) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("listeners", TEST_KIT_BROKER_LISTENER + "://localhost:0," + TEST_KIT_CONTROLLER_LISTENER
                + "://localhost:0," + CLIENT_LISTENER + "://" + PortCheck.LOOPBACK + ":" + port);
        props.put("listener.security.protocol.map", TEST_KIT_BROKER_LISTENER + ":PLAINTEXT,"
                + TEST_KIT_CONTROLLER_LISTENER + ":PLAINTEXT," + CLIENT_LISTENER + ":PLAINTEXT");
        // A single broker: every internal topic and every write must be satisfiable by one replica,
        // otherwise transactions (Kafka Streams exactly_once_v2) and consumer groups never become available.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // Fewer internal partitions than the default 50 make the first group/transaction much faster to set up.
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly by the services.
        props.put("auto.create.topics.enable", "false");
        props.put("delete.topic.enable", "true");
        return props;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Root of the broker's metadata and log directories; removed by {@link #close()}. */
    Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            broker.destroy();
        }
        catch (RuntimeException e) {
            log.warn("Embedded Kafka did not shut down cleanly", e);
        }
        finally {
            System.clearProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        }
    }
}

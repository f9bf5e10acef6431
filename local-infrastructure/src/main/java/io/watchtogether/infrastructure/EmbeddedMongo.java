package io.watchtogether.infrastructure;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An in-process, in-memory server speaking the MongoDB wire protocol (mongo-java-server). */
final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private final MongoServer server;
    private final int port;

    private EmbeddedMongo(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts on {@code 127.0.0.1:port}; port 0 picks a free one. */
    static EmbeddedMongo start(int port) {
        MongoServer server = new MongoServer(new MemoryBackend());
        try {
            server.bind(PortCheck.LOOPBACK, port);
        }
        catch (RuntimeException e) {
            throw new IllegalStateException("Could not start the MongoDB server on " + PortCheck.LOOPBACK + ":" + port
                    + ": " + e.getMessage(), e);
        }
        return new EmbeddedMongo(server, server.getLocalAddress().getPort());
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.shutdownNow();
        }
        catch (RuntimeException e) {
            log.warn("MongoDB server did not stop cleanly", e);
        }
    }
}

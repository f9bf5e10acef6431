package io.watchtogether.infrastructure;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/** A real {@code redis-server} child process, using the binary shipped inside the embedded-redis jar. */
final class EmbeddedRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final int RANDOM_PORT_ATTEMPTS = 3;

    private static File executable;

    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts redis-server on {@code 127.0.0.1:port}; port 0 picks a free one. */
    static EmbeddedRedis start(int port) {
        if (port != 0) {
            return startOn(port);
        }
        // redis-server cannot report a port it chose itself, so a free port is picked first and may be lost to a race.
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < RANDOM_PORT_ATTEMPTS; attempt++) {
            try {
                return startOn(PortCheck.freePort());
            }
            catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    private static EmbeddedRedis startOn(int port) {
        RedisServer server;
        try {
            server = RedisServer.newRedisServer()
                    .executableProvider(cachedExecutable())
                    .bind(PortCheck.LOOPBACK)
                    .port(port)
                    // No RDB/AOF files: the data is throw-away and the working directory is a temp dir.
                    .setting("save \"\"")
                    .setting("appendonly no")
                    // Keep draining the process output after start-up, or redis blocks once the pipe buffer is full.
                    .soutListener(line -> log.debug("redis-server: {}", line))
                    .serrListener(line -> log.warn("redis-server: {}", line))
                    .build();
            server.start();
        }
        catch (IOException e) {
            throw new IllegalStateException("Could not start redis-server on " + PortCheck.LOOPBACK + ":" + port
                    + ": " + e.getMessage(), e);
        }
        return new EmbeddedRedis(server, port);
    }

    // The jar provider copies the 10 MB binary to a new temp dir on every call; once per JVM is enough.
    private static synchronized ExecutableProvider cachedExecutable() {
        if (executable == null || !executable.canExecute()) {
            try {
                String override = System.getProperty(ExecutableProvider.PROPERTY_EXECUTABLE_LOCATION,
                        System.getenv(ExecutableProvider.ENVIRONMENT_EXECUTABLE_LOCATION));
                executable = override != null ? new File(override) : ExecutableProvider.newJarResourceProvider().get();
            }
            catch (IOException e) {
                throw new UncheckedIOException("Could not extract the redis-server binary", e);
            }
        }
        File file = executable;
        return () -> file;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        }
        catch (IOException | RuntimeException e) {
            log.warn("redis-server did not stop cleanly", e);
        }
    }
}

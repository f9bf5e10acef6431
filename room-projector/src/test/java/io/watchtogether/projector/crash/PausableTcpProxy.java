package io.watchtogether.projector.crash;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a server that can hold back either direction. Put in front of MongoDB, it stops a
 * projector at a chosen point with no hook in the projector's code: holding requests stops it after the Redis
 * apply of an event and before its history append; holding responses stops it after the history append (the
 * insert reached the server) and before the offset commit.
 */
final class PausableTcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean requestsPaused;
    private boolean responsesPaused;
    private long generation;

    PausableTcpProxy(String targetHost, int targetPort) {
        this.target = new InetSocketAddress(targetHost, targetPort);
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "proxy-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Stops forwarding what clients send; answers to requests already forwarded still come back. */
    void holdRequests() {
        synchronized (gate) {
            requestsPaused = true;
        }
    }

    /** Stops forwarding what the server answers; requests still reach it. */
    void holdResponses() {
        synchronized (gate) {
            responsesPaused = true;
        }
    }

    /**
     * Closes every connection, dropping what was held back, and forwards again: the requests of a killed
     * client must not reach the server after it died.
     */
    void dropConnectionsAndResume() {
        synchronized (gate) {
            generation++;
            for (Socket socket : sockets) {
                closeQuietly(socket);
            }
            sockets.clear();
            requestsPaused = false;
            responsesPaused = false;
            gate.notifyAll();
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        dropConnectionsAndResume();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                try {
                    server.connect(target, 5_000);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                long connectionGeneration;
                synchronized (gate) {
                    sockets.add(client);
                    sockets.add(server);
                    connectionGeneration = generation;
                }
                pump(client, server, true, connectionGeneration);
                pump(server, client, false, connectionGeneration);
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean request, long connectionGeneration) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!awaitForwarding(request, connectionGeneration)) {
                        return;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // The other side closed or the connection was dropped: close both ends.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-" + (request ? "request" : "response") + "-" + from.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits while this direction is held; false when the connection was dropped meanwhile. */
    private boolean awaitForwarding(boolean request, long connectionGeneration) {
        synchronized (gate) {
            while ((request ? requestsPaused : responsesPaused) && generation == connectionGeneration) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return generation == connectionGeneration;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing is best effort.
        }
    }
}

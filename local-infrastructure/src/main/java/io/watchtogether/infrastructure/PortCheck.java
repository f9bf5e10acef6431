package io.watchtogether.infrastructure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Port helpers for the embedded servers, which all listen on the loopback interface. */
final class PortCheck {

    static final String LOOPBACK = "127.0.0.1";

    private PortCheck() {
    }

    /**
     * Fails with one message naming every fixed port that is already taken, so nothing is started half-way.
     *
     * @param fixedPorts service name to port; 0 means "any free port" and is skipped
     */
    static void requireFree(Map<String, Integer> fixedPorts) {
        List<String> taken = new ArrayList<>();
        fixedPorts.forEach((service, port) -> {
            if (port != 0 && !isFree(port)) {
                taken.add(service + " port " + port);
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("Cannot start the embedded infrastructure: " + String.join(", ", taken)
                    + " already in use on " + LOOPBACK + " (is another local run or a local server still running?). "
                    + "Stop it, or choose other ports (0 picks a free one).");
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same semantics as the servers (SO_REUSEADDR), so sockets in TIME_WAIT after a restart do not count as taken.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    /** A port that was free a moment ago; only for servers that cannot bind port 0 themselves (redis-server). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException("Could not find a free port on " + LOOPBACK, e);
        }
    }
}

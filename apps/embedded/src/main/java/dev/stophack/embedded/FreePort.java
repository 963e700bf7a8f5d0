package dev.stophack.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/** Finds a TCP port that is free on 127.0.0.1 right now. */
public final class FreePort {
    // the literal, not getLoopbackAddress(), which may be ::1
    private static final InetAddress LOOPBACK = loopback();

    private FreePort() {
    }

    /**
     * A port that was free a moment ago. Another process could take it before the caller binds; on
     * one laptop or CI runner that race is rare enough to accept.
     */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * Fails with a plain message when {@code port} is taken on 127.0.0.1, so a server whose own
     * bind error comes late or buried in its logs can refuse before doing anything.
     */
    public static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
        } catch (IOException e) {
            throw new IllegalStateException("127.0.0.1:" + port + " is already in use", e);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@code port}, or a free one when it is 0. */
    public static int orFree(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port == 0 ? pick() : port;
    }
}

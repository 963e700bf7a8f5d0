package dev.stophack.embedded;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Keeps a server running in the foreground until Ctrl-C or SIGTERM, then closes it cleanly.
 *
 * <p>A shutdown hook alone would close it too, but the JVM then exits with 130/143; catching the
 * two signals lets the command return 0 for a requested stop. The hook stays as the fallback for
 * any other way the JVM goes down (SIGHUP, System.exit elsewhere).
 */
public final class Foreground {
    private Foreground() {
    }

    /** Blocks until INT or TERM, closes {@code server}, returns 0. */
    public static int runUntilStopped(AutoCloseable server) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : List.of("INT", "TERM")) {
            Signal.handle(new Signal(name), signal -> stop.countDown());
        }
        Thread hook = new Thread(() -> closeOnExit(server), "stophack-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stop.await();
        server.close();
        Runtime.getRuntime().removeShutdownHook(hook);
        return 0;
    }

    private static void closeOnExit(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("error while stopping: " + e);
        }
    }
}

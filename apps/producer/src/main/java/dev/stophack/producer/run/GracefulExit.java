package dev.stophack.producer.run;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM (a pod being stopped) ends the run cleanly with exit code 0: a shutdown hook asks the
 * run to stop, waits while it sends what it holds and flushes Kafka, then ends the JVM with the
 * run's own exit code (the JVM would otherwise report 143).
 */
public final class GracefulExit {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulExit.class);

    private final StopSignal stop;
    private final Duration grace;
    private final CompletableFuture<Integer> done = new CompletableFuture<>();
    private final Thread hook = new Thread(this::onShutdown, "stophack-shutdown");

    public GracefulExit(StopSignal stop, Duration grace) {
        this.stop = stop;
        this.grace = grace;
    }

    public GracefulExit install() {
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    /** The run has ended with {@code exitCode}; a stop in progress may now end the JVM. */
    public void finished(int exitCode) {
        done.complete(exitCode);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it ends the JVM with exitCode
        }
    }

    private void onShutdown() {
        if (!done.isDone()) {
            LOG.info("stop requested: sending what is held and flushing");
            stop.stop();
        }
        int code;
        try {
            code = done.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.error("the producer did not flush within {} s; exiting anyway", grace.toSeconds());
            code = 1;
        } catch (InterruptedException | ExecutionException e) {
            code = 1;
        }
        Runtime.getRuntime().halt(code);
    }
}

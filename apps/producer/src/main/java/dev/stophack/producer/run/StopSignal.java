package dev.stophack.producer.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Asks a run to stop (SIGTERM, a test), and wakes it if it is waiting for its next cycle. */
public final class StopSignal {
    private final CountDownLatch latch = new CountDownLatch(1);
    private volatile boolean requested;

    public void stop() {
        requested = true;
        latch.countDown();
    }

    public boolean requested() {
        return requested;
    }

    /** Waits until a stop is asked for. */
    public void await() throws InterruptedException {
        latch.await();
    }

    /** Waits up to {@code nanos}; true if a stop was asked for. */
    public boolean awaitNanos(long nanos) throws InterruptedException {
        return latch.await(nanos, TimeUnit.NANOSECONDS);
    }
}

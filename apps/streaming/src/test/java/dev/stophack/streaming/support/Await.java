package dev.stophack.streaming.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition of a running stream; fails naming what did not happen. */
public final class Await {
    private Await() {
    }

    public static void until(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
    }
}

package dev.stophack.consumer.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, except that while broken it throws on the threads whose name starts with a
 * given prefix. The consumer reads its clock on every poll, so this puts a runtime failure
 * inside the counting thread (standing for any bug or client error there) while the HTTP
 * threads keep answering.
 */
public final class BreakableClock extends Clock {
    private final String threadPrefix;
    private volatile boolean broken;

    public BreakableClock(String threadPrefix) {
        this.threadPrefix = threadPrefix;
    }

    public void breakIt() {
        broken = true;
    }

    public void mend() {
        broken = false;
    }

    @Override
    public long millis() {
        if (broken && Thread.currentThread().getName().startsWith(threadPrefix)) {
            throw new IllegalStateException("the clock broke on " + Thread.currentThread().getName());
        }
        return System.currentTimeMillis();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}

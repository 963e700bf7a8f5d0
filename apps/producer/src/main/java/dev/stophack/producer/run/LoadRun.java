package dev.stophack.producer.run;

import dev.stophack.producer.schedule.Cursor;
import dev.stophack.producer.source.MachineRows;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load mode, for benchmarks: no schedule, one row per machine in turn (each machine's rows stay
 * in sequence order and wrap), stamped with the current second, as fast as Kafka takes them or
 * at a fixed rate. Logs progress every few seconds instead of per cycle.
 */
public final class LoadRun {
    private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);
    private static final long PROGRESS_NANOS = 5_000_000_000L;
    /** Events between reads of the clock and progress checks when running flat out. */
    private static final int CHECK_EVERY = 1024;

    private final Cursor[] cursors;
    private final MachineRows[] machines;
    private final EventSink sink;
    private final Pacer pacer;
    private final long maxEvents;
    private final StopSignal stop;
    private final Clock clock;

    /** {@code pacer} null sends as fast as possible; {@code maxEvents} 0 runs until stopped. */
    public LoadRun(List<MachineRows> rows, EventSink sink, Pacer pacer, long maxEvents, StopSignal stop, Clock clock) {
        this.cursors = rows.stream().map(Cursor::new).toArray(Cursor[]::new);
        this.machines = rows.toArray(MachineRows[]::new);
        this.sink = sink;
        this.pacer = pacer;
        this.maxEvents = maxEvents;
        this.stop = stop;
        this.clock = clock;
    }

    /** Sends until the event limit or a stop, flushes, returns the events handed to the sink. */
    public long run() throws InterruptedException {
        long start = System.nanoTime();
        long lastReport = start;
        long reportedEvents = 0;
        int check = pacer == null ? CHECK_EVERY : pacer.stride();
        int untilCheck = check;
        long ts = clock.millis() / 1000;
        long sent = 0;
        int m = 0;
        while ((maxEvents == 0 || sent < maxEvents) && !stop.requested()) {
            sink.send(machines[m], cursors[m].take(), ts, 0);
            if (++m == machines.length) {
                m = 0;
            }
            sent++;
            if (--untilCheck == 0) {
                untilCheck = check;
                long now = System.nanoTime();
                ts = clock.millis() / 1000;
                if (pacer != null) {
                    long wait = pacer.waitNanos(sent, now - start);
                    if (wait > 0 && stop.awaitNanos(wait)) {
                        break;
                    }
                }
                if (now - lastReport >= PROGRESS_NANOS) {
                    LOG.info(String.format(Locale.ROOT, "load: %,d events sent, %,.0f events/s over the last %.1f s",
                            sent, (sent - reportedEvents) * 1e9 / (now - lastReport), (now - lastReport) / 1e9));
                    lastReport = now;
                    reportedEvents = sent;
                }
            }
        }
        sink.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info(String.format(Locale.ROOT, "load: %,d events sent and flushed in %.2f s (%,.0f events/s)",
                sent, seconds, sent / Math.max(seconds, 1e-9)));
        return sent;
    }
}

package dev.stophack.producer.run;

import dev.stophack.api.events.EventKind;
import dev.stophack.producer.observe.ProducerMetrics;
import dev.stophack.producer.schedule.Batch;
import dev.stophack.producer.schedule.Cycle;
import dev.stophack.producer.schedule.CycleLine;
import dev.stophack.producer.schedule.Planner;
import dev.stophack.producer.schedule.ScheduleSettings;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Planner}'s cycles on the wall clock: cycle n is due at start + (n-1) x
 * interval and its events are stamped with that due time in Unix seconds. A cycle that starts
 * late keeps its place; if the producer falls more than a whole interval behind (Kafka blocked
 * it), the schedule restarts from now instead of bursting the missed cycles.
 *
 * <p>When it stops (cycle limit or stop signal) it sends the rows still held back, with their
 * own event time, and flushes, so nothing taken from the CSV is left unsent.
 */
public final class ScheduledRun {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledRun.class);

    private final EventKind kind;
    private final Planner planner;
    private final ScheduleSettings settings;
    private final long maxCycles;
    private final EventSink sink;
    private final ProducerMetrics metrics;
    private final StopSignal stop;
    private final Clock clock;

    /** {@code maxCycles} 0 runs until stopped. */
    public ScheduledRun(EventKind kind, Planner planner, ScheduleSettings settings, long maxCycles, EventSink sink,
                        ProducerMetrics metrics, StopSignal stop, Clock clock) {
        this.kind = kind;
        this.planner = planner;
        this.settings = settings;
        this.maxCycles = maxCycles;
        this.sink = sink;
        this.metrics = metrics;
        this.stop = stop;
        this.clock = clock;
    }

    /** Runs until the cycle limit or a stop; returns the events handed to the sink. */
    public long run() throws InterruptedException {
        long interval = settings.interval().toMillis();
        boolean withLate = settings.late().max() > 0;
        long events = 0;
        long due = clock.millis();
        while (maxCycles == 0 || planner.cycles() < maxCycles) {
            long wait = due - clock.millis();
            if ((wait > 0 && stop.awaitNanos(wait * 1_000_000L)) || stop.requested()) {
                break;
            }
            long lag = clock.millis() - due;
            boolean last = maxCycles != 0 && planner.cycles() + 1 == maxCycles;
            Cycle cycle = planner.next(Math.floorDiv(due, 1000L), !last);
            events += send(cycle.batches(), cycle.ts(), cycle.number());
            metrics.cycle(lag, cycle.held(), planner.held());
            LOG.info(CycleLine.format(kind, cycle, withLate, lag));

            due += interval;
            long behind = clock.millis() - due;
            if (behind > interval) {
                LOG.warn("cycle {} ended {} ms after the next one was due; the schedule restarts from now",
                        cycle.number(), behind);
                due = clock.millis();
            }
        }
        int held = planner.held();
        if (held > 0) {
            // these would have left with the next cycle: send them now rather than lose them
            events += send(planner.drain(), 0, planner.cycles() + 1);
            metrics.heldNow(0);
            LOG.info("stopping: sent the {} rows held back for cycle {}", held, planner.cycles() + 1);
        }
        sink.flush();
        return events;
    }

    /** Each batch in order: its late rows with their own time, then the fresh rows stamped {@code ts}. */
    private long send(List<Batch> batches, long ts, long cycleNumber) {
        long n = 0;
        for (Batch batch : batches) {
            for (int row : batch.late()) {
                sink.send(batch.source(), row, batch.lateTs(), cycleNumber);
                n++;
            }
            for (int row : batch.rows()) {
                sink.send(batch.source(), row, ts, cycleNumber);
                n++;
            }
        }
        return n;
    }
}

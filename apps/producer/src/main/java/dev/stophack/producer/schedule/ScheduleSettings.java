package dev.stophack.producer.schedule;

import dev.stophack.api.events.EventKind;
import java.time.Duration;

/**
 * The producer's schedule: every {@code interval}, each machine sends {@code rows} rows stamped
 * with the cycle's time, and holds back {@code late} more rows stamped the same but sent with the
 * next cycle.
 */
public record ScheduleSettings(Duration interval, Bounds rows, Bounds late) {
    public ScheduleSettings {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive, got " + interval);
        }
    }

    /** The TON_IoT exercise: process every 5 s, 10..50 rows; memory every 10 s, 20..80 rows plus 0..5 late. */
    public static ScheduleSettings of(EventKind kind) {
        return switch (kind) {
            case PROCESS -> new ScheduleSettings(Duration.ofSeconds(5), new Bounds(10, 50), new Bounds(0, 0));
            case MEMORY -> new ScheduleSettings(Duration.ofSeconds(10), new Bounds(20, 80), new Bounds(0, 5));
        };
    }

    public ScheduleSettings withInterval(Duration value) {
        return new ScheduleSettings(value, rows, late);
    }

    public ScheduleSettings withRows(Bounds value) {
        return new ScheduleSettings(interval, value, late);
    }

    public ScheduleSettings withLate(Bounds value) {
        return new ScheduleSettings(interval, rows, value);
    }
}

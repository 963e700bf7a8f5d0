package dev.stophack.producer.schedule;

import dev.stophack.api.events.EventKind;

/**
 * The one log line per cycle: {@code cycle 42 process machine=4:31 5:12 ...}, where each
 * {@code machine:count} is the fresh rows sent for that machine; with late data also which
 * machines sent held rows ({@code late=}) and hold rows for the next cycle ({@code held=}).
 */
public final class CycleLine {
    private CycleLine() {
    }

    public static String format(EventKind kind, Cycle cycle, boolean withLate, long lagMillis) {
        StringBuilder s = new StringBuilder(96);
        s.append("cycle ").append(cycle.number()).append(' ').append(kind.id()).append(" machine=");
        appendCounts(s, cycle, Part.FRESH);
        if (withLate) {
            s.append(" late=");
            appendCounts(s, cycle, Part.LATE);
            s.append(" held=");
            appendCounts(s, cycle, Part.HELD);
        }
        s.append(" events=").append(cycle.sent()).append(" ts=").append(cycle.ts()).append(" lag=").append(lagMillis).append("ms");
        return s.toString();
    }

    private enum Part { FRESH, LATE, HELD }

    private static void appendCounts(StringBuilder s, Cycle cycle, Part part) {
        boolean first = true;
        for (Batch b : cycle.batches()) {
            if (!first) {
                s.append(' ');
            }
            first = false;
            int n = switch (part) {
                case FRESH -> b.rows().size();
                case LATE -> b.late().size();
                case HELD -> b.held().size();
            };
            s.append(b.machine()).append(':').append(n);
        }
    }
}

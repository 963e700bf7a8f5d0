package dev.stophack.generate.weblog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where the incidents go: after a clean start (so that error-surge baselines have history to
 * learn from), one per slot of equal length, the types in a seeded order, each somewhere inside
 * its slot with quiet time on both sides, so every alert can be told apart from the next
 * incident's.
 */
final class IncidentPlan {
    /** Clean log before the first incident: the baseline of an error surge learns from the preceding windows. */
    static final Duration CLEAN_START = Duration.ofMinutes(15);
    /** Quiet log before an incident and after it, inside its slot. */
    static final Duration QUIET_BEFORE = Duration.ofMinutes(1);
    static final Duration QUIET_AFTER = Duration.ofMinutes(3);
    /**
     * Two minutes at least: an incident then fills one whole window of the default detectors (one
     * minute), wherever it starts, instead of two halves that each look half as bad.
     */
    static final Duration SHORTEST = Duration.ofMinutes(2);

    /** Abusive hosts send from 1.1 to 4 times the default rate limit of 10 requests a second. */
    static final double ABUSIVE_MIN_RATE = 11;
    static final double ABUSIVE_MAX_RATE = 40;
    /** Scanners stay under the rate limit: they must be found by what they ask for, not how often. */
    static final double SCAN_MIN_RATE = 1.5;
    static final double SCAN_MAX_RATE = 7;
    static final double STORM_MIN_SHARE = 0.10;
    static final double STORM_MAX_SHARE = 0.6;
    private static final int[] STORM_STATUSES = {500, 502, 503, 504};

    private IncidentPlan() {
    }

    static List<Incident> plan(Instant start, Duration span, int perType, SplittableRandom random, Clients clients) {
        List<Incident> incidents = new ArrayList<>();
        if (perType == 0) {
            return incidents;
        }
        IncidentType[] types = IncidentType.values();
        int count = perType * types.length;
        long first = start.plus(CLEAN_START).getEpochSecond();
        long slot = (start.plus(span).getEpochSecond() - first) / count;
        long room = slot - QUIET_BEFORE.toSeconds() - QUIET_AFTER.toSeconds();
        if (room < SHORTEST.toSeconds()) {
            throw new IllegalArgumentException(String.format("a log of %d minutes has no room for %d incidents of each"
                    + " type: each needs %d minutes, after %d clean minutes", span.toMinutes(), perType,
                    (SHORTEST.plus(QUIET_BEFORE).plus(QUIET_AFTER)).toMinutes(), CLEAN_START.toMinutes()));
        }
        IncidentType[] order = new IncidentType[count];
        for (int i = 0; i < count; i++) {
            order[i] = types[i % types.length];
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            IncidentType t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < count; i++) {
            IncidentType type = order[i];
            long longest = Math.min(room, maxMinutes(type) * 60L);
            long length = SHORTEST.toSeconds() + random.nextLong(longest - SHORTEST.toSeconds() + 1);
            long from = first + i * slot + QUIET_BEFORE.toSeconds() + random.nextLong(room - length + 1);
            Instant s = Instant.ofEpochSecond(from);
            Instant e = Instant.ofEpochSecond(from + length);
            incidents.add(switch (type) {
                case ABUSIVE_HOST -> new Incident(type, s, e, clients.nextAttacker(), 0,
                        round(ABUSIVE_MIN_RATE + random.nextDouble() * (ABUSIVE_MAX_RATE - ABUSIVE_MIN_RATE)));
                case URL_SCAN -> new Incident(type, s, e, clients.nextAttacker(), 404,
                        round(SCAN_MIN_RATE + random.nextDouble() * (SCAN_MAX_RATE - SCAN_MIN_RATE)));
                case ERROR_STORM -> new Incident(type, s, e, null, STORM_STATUSES[random.nextInt(STORM_STATUSES.length)],
                        round(STORM_MIN_SHARE + random.nextDouble() * (STORM_MAX_SHARE - STORM_MIN_SHARE)));
            });
        }
        incidents.sort(Comparator.comparing(Incident::start));
        return incidents;
    }

    private static int maxMinutes(IncidentType type) {
        return switch (type) {
            case ABUSIVE_HOST, ERROR_STORM -> 8;
            case URL_SCAN -> 6;
        };
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

package dev.stophack.consumer.detection;

import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.live.TopicStats;
import dev.stophack.consumer.parse.SkipReason;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the dashboard shows of detection, behind one lock: the detected attacks
 * ({@link LatestAttacks}), the streaming job's status per batch ({@link StatusHistory}) and, per
 * topic, records counted and skipped and the last arrival. The Kafka thread adds, the HTTP
 * threads take {@link #snapshot}s.
 */
public final class Detection {
    /** After this long without a status record the page says the streaming job is silent. */
    public static final long SILENT_AFTER_MILLIS = 60_000;

    private final LatestAttacks attacks;
    private final StatusHistory status;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    private static final class Tally {
        long counted;
        final EnumMap<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        long lastArrival = Long.MIN_VALUE;
    }

    /** Everything at one moment. */
    public record DetectionSnapshot(List<LatestAttacks.Attack> latest, long distinctAttacks, long repeatedAttacks,
            Map<Long, Long> attacksPerMinute, List<StatusHistory.Batch> batches, List<StatusHistory.Change> changes,
            List<String> kinds, List<String> reasons, Map<Long, Map<String, Long>> deadLettersPerMinute,
            Map<String, TopicStats> topics) {
    }

    public Detection(long historyMillis) {
        this.attacks = new LatestAttacks(historyMillis);
        this.status = new StatusHistory(historyMillis);
        for (String topic : List.of(Topics.ATTACKS, Topics.STREAM_STATUS)) {
            tallies.put(topic, new Tally());
        }
    }

    public synchronized void attack(String key, LatestAttacks.Attack a, long arrival) {
        attacks.add(key, a);
        counted(Topics.ATTACKS, arrival);
    }

    public synchronized void status(long batchId, long time, Map<String, Integer> activeVersions,
            Map<String, Long> deadLetters, long arrival) {
        status.add(batchId, time, activeVersions, deadLetters);
        counted(Topics.STREAM_STATUS, arrival);
    }

    public synchronized void skipped(String topic, SkipReason reason) {
        tallies.get(topic).skipped.merge(reason, 1L, Long::sum);
    }

    private void counted(String topic, long arrival) {
        Tally t = tallies.get(topic);
        t.counted++;
        t.lastArrival = Math.max(t.lastArrival, arrival);
    }

    public synchronized DetectionSnapshot snapshot() {
        Map<String, TopicStats> topics = new LinkedHashMap<>();
        tallies.forEach((name, t) -> {
            Map<String, Long> skipped = new TreeMap<>();
            t.skipped.forEach((r, n) -> skipped.put(r.id(), n));
            topics.put(name, new TopicStats(t.counted, skipped, t.lastArrival == Long.MIN_VALUE ? null : t.lastArrival));
        });
        return new DetectionSnapshot(attacks.latest(), attacks.distinct(), attacks.repeats(), attacks.perMinute(),
                status.batches(), status.changes(), status.kinds(), status.reasons(), status.deadLettersPerMinute(), topics);
    }
}

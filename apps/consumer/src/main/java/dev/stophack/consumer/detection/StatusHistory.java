package dev.stophack.consumer.detection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The streaming job's status records over the history, one per batch id (a replayed batch
 * replaces its first record), at most {@value #MAX_BATCHES} of them. Kind names and dead-letter
 * reasons come from the topic, so they are untrusted: at most {@value #MAX_KINDS} kinds and
 * {@value #MAX_REASONS} reasons are kept by name, further reasons are added up under
 * {@value #OTHER}, further kinds dropped, and names longer than {@value #MAX_NAME} are cut.
 */
public final class StatusHistory {
    static final int MAX_BATCHES = 2_000;
    static final int MAX_KINDS = 8;
    static final int MAX_REASONS = 12;
    static final int MAX_NAME = 64;
    static final String OTHER = "other";
    private static final long MINUTE = 60_000;

    /** One batch as kept: per kind the active model version (null: none), dead letters by reason. */
    public record Batch(long batchId, long time, Map<String, Integer> activeVersions, Map<String, Long> deadLetters) {
    }

    /** A kind's active version changed between two batches. */
    public record Change(String kind, long at, Integer from, Integer to) {
    }

    private final long historyMillis;
    private final TreeMap<Long, Batch> byId = new TreeMap<>();
    private final Map<String, Boolean> kinds = new LinkedHashMap<>();
    private final Map<String, Boolean> reasons = new LinkedHashMap<>();

    public StatusHistory(long historyMillis) {
        this.historyMillis = historyMillis;
    }

    public void add(long batchId, long time, Map<String, Integer> activeVersions, Map<String, Long> deadLetters) {
        Map<String, Integer> versions = new TreeMap<>();
        activeVersions.forEach((kind, v) -> {
            String k = name(kind);
            if (kinds.containsKey(k) || kinds.size() < MAX_KINDS) {
                kinds.put(k, Boolean.TRUE);
                versions.put(k, v);
            }
        });
        Map<String, Long> dead = new TreeMap<>();
        deadLetters.forEach((reason, n) -> {
            String r = name(reason);
            if (!reasons.containsKey(r) && reasons.size() >= MAX_REASONS) {
                r = OTHER;
            }
            reasons.put(r, Boolean.TRUE);
            dead.merge(r, Math.max(0, n == null ? 0 : n), Long::sum);
        });
        byId.put(batchId, new Batch(batchId, time, versions, dead));
        long newest = byId.values().stream().mapToLong(Batch::time).max().orElse(time);
        byId.values().removeIf(b -> b.time() < newest - historyMillis);
        while (byId.size() > MAX_BATCHES) {
            byId.pollFirstEntry();
        }
    }

    private static String name(String s) {
        String n = s == null || s.isEmpty() ? "(none)" : s;
        return n.length() > MAX_NAME ? n.substring(0, MAX_NAME) : n;
    }

    /** The kept batches in time order. */
    public List<Batch> batches() {
        List<Batch> out = new ArrayList<>(byId.values());
        out.sort((a, b) -> a.time() != b.time() ? Long.compare(a.time(), b.time()) : Long.compare(a.batchId(), b.batchId()));
        return out;
    }

    /** Each change of a kind's active version from one kept batch to the next that names the kind. */
    public List<Change> changes() {
        List<Change> out = new ArrayList<>();
        Map<String, Integer> last = new TreeMap<>();
        Map<String, Boolean> known = new TreeMap<>();
        for (Batch b : batches()) {
            b.activeVersions().forEach((kind, v) -> {
                if (known.containsKey(kind) && !java.util.Objects.equals(last.get(kind), v)) {
                    out.add(new Change(kind, b.time(), last.get(kind), v));
                }
                known.put(kind, Boolean.TRUE);
                last.put(kind, v);
            });
        }
        return out;
    }

    /** Per minute start (epoch ms), per reason: dead letters of the batches in that minute. */
    public Map<Long, Map<String, Long>> deadLettersPerMinute() {
        Map<Long, Map<String, Long>> out = new TreeMap<>();
        for (Batch b : byId.values()) {
            Map<String, Long> m = out.computeIfAbsent(Math.floorDiv(b.time(), MINUTE) * MINUTE, x -> new TreeMap<>());
            b.deadLetters().forEach((r, n) -> m.merge(r, n, Long::sum));
        }
        return out;
    }

    /** Kinds seen, in the order first seen. */
    public List<String> kinds() {
        return List.copyOf(kinds.keySet());
    }

    /** Reasons seen (with {@value #OTHER} once the cap is reached), sorted. */
    public List<String> reasons() {
        return reasons.keySet().stream().sorted().toList();
    }
}

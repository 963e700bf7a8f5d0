package dev.stophack.consumer.detection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Detected attacks as the dashboard shows them: the newest {@value #KEEP}, a count of distinct ones,
 * and attacks per minute of the job's processing time over the history. The topic is at least
 * once, so a repeat (same machine, CMD_PID and both event times) is dropped while its key is among
 * the last {@value #REMEMBERED} seen; memory stays bounded whatever the topic holds.
 */
public final class LatestAttacks {
    static final int KEEP = 20;
    static final int REMEMBERED = 10_000;
    private static final long MINUTE = 60_000;

    /** One attack; times in epoch milliseconds. */
    public record Attack(long processingTime, String machine, String cmd, String cmdPid, Double processPAttack,
            Double memoryPAttack) {
    }

    private final long historyMillis;
    private final Deque<Attack> latest = new ArrayDeque<>();
    private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final TreeMap<Long, Long> perMinute = new TreeMap<>();
    private long distinct;
    private long repeats;

    public LatestAttacks(long historyMillis) {
        this.historyMillis = historyMillis;
    }

    /** Adds {@code a} unless {@code key} was seen; returns whether it was new. */
    public boolean add(String key, Attack a) {
        if (seen.put(key, Boolean.TRUE) != null) {
            repeats++;
            return false;
        }
        distinct++;
        perMinute.merge(Math.floorDiv(a.processingTime(), MINUTE) * MINUTE, 1L, Long::sum);
        perMinute.headMap(perMinute.lastKey() - historyMillis).clear();
        // newest first by processing time: a replayed old attack goes behind newer ones
        List<Attack> all = new ArrayList<>(latest);
        all.add(a);
        all.sort((x, y) -> Long.compare(y.processingTime(), x.processingTime()));
        latest.clear();
        for (Iterator<Attack> it = all.iterator(); it.hasNext() && latest.size() < KEEP; ) {
            latest.addLast(it.next());
        }
        return true;
    }

    public List<Attack> latest() {
        return List.copyOf(latest);
    }

    /** Distinct attacks read since the consumer started (it reads back the history first). */
    public long distinct() {
        return distinct;
    }

    public long repeats() {
        return repeats;
    }

    /** Per minute start (epoch ms): attacks processed in it, over the history before the newest. */
    public Map<Long, Long> perMinute() {
        return new TreeMap<>(perMinute);
    }
}

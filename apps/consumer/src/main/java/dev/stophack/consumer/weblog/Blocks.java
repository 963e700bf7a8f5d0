package dev.stophack.consumer.weblog;

import dev.stophack.api.kafka.BlocklistDecision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rate limiter's decisions, folded per host: the latest {@code until} is the one that holds (a
 * later window's decision extends the block). A host is blocked while its {@code until} is ahead
 * of the log's newest time. At most {@value #MAX_HOSTS} hosts are kept, those blocked last first.
 */
public final class Blocks {
    static final int MAX_HOSTS = 1_000;

    /** One host's block: its latest decision, and how many windows it was blocked for. */
    public record Block(String host, long until, long windowStart, long windowEnd, long count, long threshold, long decidedAt,
            long windows) {
    }

    private final Map<String, Block> byHost = new LinkedHashMap<>();

    /** Adds a decision; times in epoch milliseconds. */
    public void add(BlocklistDecision d, long windowStart, long windowEnd, long until, long decidedAt) {
        Block old = byHost.get(d.host());
        if (old == null || until >= old.until()) {
            byHost.put(d.host(), new Block(d.host(), until, windowStart, windowEnd, d.count(), d.threshold(), decidedAt,
                    old == null ? 1 : old.windows() + 1));
        } else {
            byHost.put(d.host(), new Block(old.host(), old.until(), old.windowStart(), old.windowEnd(), old.count(),
                    old.threshold(), old.decidedAt(), old.windows() + 1));
        }
        if (byHost.size() > MAX_HOSTS) {
            String oldest = byHost.values().stream().min(Comparator.comparingLong(Block::until)).map(Block::host).orElseThrow();
            byHost.remove(oldest);
        }
    }

    /** Forgets blocks that ended before {@code since}. */
    public void forgetBefore(long since) {
        byHost.values().removeIf(b -> b.until() < since);
    }

    /** The blocks, latest {@code until} first. */
    public List<Block> all() {
        List<Block> out = new ArrayList<>(byHost.values());
        out.sort(Comparator.comparingLong(Block::until).reversed().thenComparing(Block::host));
        return out;
    }

    /** The latest threshold a decision named, or null before any. */
    public Long threshold() {
        return byHost.values().stream().max(Comparator.comparingLong(Block::decidedAt)).map(Block::threshold).orElse(null);
    }
}

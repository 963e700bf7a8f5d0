package dev.stophack.consumer.live;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which machines the consumer keeps counts for. Machine ids are record keys, chosen by whoever
 * writes to the topics, so at most {@code max} are tracked; rows of any other machine are
 * refused. A machine holds its place while any chart still has data of it, and gives it up once
 * that data has aged out, so a burst of junk keys does not lock real machines out for good.
 *
 * <p>Refused machines are remembered by name, to say how many there are, but only the last
 * {@link #UNTRACKED_NAMES_KEPT} refused within {@code horizon}: beyond that the number is a
 * lower bound ({@link #untrackedAtLeast}). Memory stays bounded whatever the keys. Not thread-safe.
 */
final class TrackedMachines {
    /** Refused machine names remembered at most (ids are at most 128 characters: about 3 MB). */
    static final int UNTRACKED_NAMES_KEPT = 10_000;

    private final int max;
    private final long horizonMillis;
    private final Set<String> tracked = new HashSet<>();
    /** Refused machine to when it was last refused, oldest first. */
    private final LinkedHashMap<String, Long> untracked = new LinkedHashMap<>();
    /** When a refused machine last could not be remembered, or Long.MIN_VALUE. */
    private long lastUnremembered = Long.MIN_VALUE;

    /**
     * @param max machines tracked at most
     * @param horizonMillis how long a refused machine is remembered after its last refused row
     */
    TrackedMachines(int max, long horizonMillis) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one machine must be tracked: " + max);
        }
        this.max = max;
        this.horizonMillis = horizonMillis;
    }

    /** Whether rows of {@code machine} are counted; refused ones are remembered as untracked. */
    boolean admit(String machine, long now) {
        if (tracked.contains(machine)) {
            return true;
        }
        if (tracked.size() < max) {
            tracked.add(machine);
            untracked.remove(machine);
            return true;
        }
        // re-inserted so that the map stays ordered by last refusal
        if (untracked.remove(machine) != null || untracked.size() < UNTRACKED_NAMES_KEPT) {
            untracked.put(machine, now);
        } else {
            lastUnremembered = now;
        }
        return false;
    }

    /**
     * Frees the place of every tracked machine that is not in {@code present} (no chart has data
     * of it any more), and forgets machines refused longer than the horizon ago.
     */
    void retain(Set<String> present, long now) {
        tracked.retainAll(present);
        forgetOld(now);
    }

    private void forgetOld(long now) {
        long oldest = now - horizonMillis;
        Iterator<Map.Entry<String, Long>> it = untracked.entrySet().iterator();
        while (it.hasNext() && it.next().getValue() < oldest) {
            it.remove();
        }
    }

    int max() {
        return max;
    }

    int tracked() {
        return tracked.size();
    }

    /** Machines refused within the horizon (as far as remembered: see {@link #untrackedAtLeast}). */
    int untracked(long now) {
        forgetOld(now);
        return untracked.size();
    }

    /** Whether more machines were refused within the horizon than could be remembered. */
    boolean untrackedAtLeast(long now) {
        return lastUnremembered != Long.MIN_VALUE && lastUnremembered >= now - horizonMillis;
    }
}

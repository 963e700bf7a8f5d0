package dev.stophack.embedded.s3;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The keys being written right now, so that a listing can tell S3Proxy's temporary file of a write
 * ({@code KEY-<random UUID>}, in the key's own directory, complete with its attributes just
 * before it is renamed to {@code KEY}) from an object: on S3 an object appears when its PUT
 * completes, never under another name.
 */
final class UploadsInProgress {
    private static final int UUID_LENGTH = 36;

    private final Map<String, Integer> writing = new HashMap<>();
    private final List<Set<String>> watches = new ArrayList<>();

    /** A write of {@code key} starts; call {@link #end} when it returned or failed. */
    synchronized void begin(String key) {
        writing.merge(key, 1, Integer::sum);
        for (Set<String> watch : watches) {
            watch.add(key);
        }
    }

    synchronized void end(String key) {
        writing.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    }

    /**
     * Opens a watch for one listing: it knows every key written at any moment while it is open,
     * which covers every temporary file the listing can meet.
     */
    synchronized Watch watch() {
        Set<String> keys = new HashSet<>(writing.keySet());
        watches.add(keys);
        return new Watch(keys);
    }

    /** What one listing needs to know; close it when the listing is done. */
    final class Watch implements AutoCloseable {
        private final Set<String> keys;

        private Watch(Set<String> keys) {
            this.keys = keys;
        }

        /** Whether {@code key} names the temporary file of a write seen by this watch. */
        boolean isTemporary(String key) {
            int cut = key.length() - UUID_LENGTH - 1;
            if (cut < 1 || key.charAt(cut) != '-' || !isUuid(key.substring(cut + 1))) {
                return false;
            }
            synchronized (UploadsInProgress.this) {
                return keys.contains(key.substring(0, cut));
            }
        }

        @Override
        public void close() {
            synchronized (UploadsInProgress.this) {
                watches.removeIf(open -> open == keys); // by identity: two watches may hold equal sets
            }
        }
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

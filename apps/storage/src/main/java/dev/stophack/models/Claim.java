package dev.stophack.models;

import dev.stophack.api.s3.S3Layout;
import dev.stophack.storage.BlobStore;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Claim-and-relist: mutual exclusion on any store whose listings are consistent (S3 since 2020,
 * a local directory). A contender writes its own claim object into a folder, then lists the
 * folder, and wins only if its claim is the only one there. Two contenders cannot both win: each
 * writes before it lists, so the later lister sees the earlier claim. When claims collide, every
 * contender withdraws its own, so it may happen that nobody wins: callers pause and try again.
 * A winner's claim stays, which marks the folder as taken for good.
 */
final class Claim {
    private Claim() {
    }

    /** Tries to take {@code folder} (ending in a slash); true when this contender has it. */
    static boolean take(BlobStore store, String folder, String token, byte[] content) throws IOException {
        String mine = folder + S3Layout.CLAIM_PREFIX + token;
        store.put(mine, content);
        List<String> present = store.list(folder);
        if (present.size() == 1 && present.get(0).equals(mine)) {
            return true;
        }
        store.delete(mine);
        return false;
    }

    /** Whether anything, a winner's claim or a race in progress, is in {@code folder}. */
    static boolean taken(BlobStore store, String folder) throws IOException {
        return !store.list(folder).isEmpty();
    }

    /** A random pause after a collision, so that colliding contenders do not collide again. */
    static void pause() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(20, 120));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.stophack.faults.scenario;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.faults.census.Census;
import dev.stophack.faults.census.Checkpoints;
import dev.stophack.faults.feed.Produced;
import dev.stophack.faults.parts.Child;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the scenarios share: the job's settings and waiting for it to take everything in. */
final class Runs {
    /** In the one line the job logs per ingest batch it wrote ("ingest batch 4: ... 0 dead letters in 3100 ms"). */
    static final String INGEST_BATCH = " dead letters";
    /** Logged by the job each time it starts a query, first start and restarts alike. */
    static final String QUERY_STARTED = "query ingest started";

    /** How far the windows' and join's watermark trails the latest event (the job's AttackRules.WATERMARK). */
    static final long WATERMARK_SECONDS = 20;

    private Runs() {
    }

    /**
     * Waits until the window and join queries have each committed a batch run at the flush
     * event's watermark: then every window is final and in {@code attacks/potential/}, and every
     * join row in {@code attacks/detected/}. {@code --once} cannot do this: it ends without the
     * batch without data that an advanced watermark needs.
     */
    static void awaitFinalWindows(Child job, Checkpoints checkpoints, String checkpointRoot, long flushTime,
            Duration deadline) throws InterruptedException {
        long target = (flushTime - WATERMARK_SECONDS) * 1000;
        for (String query : List.of("potential-attacks", "detected-attacks")) {
            String checkpoint = checkpointRoot + "/" + query;
            job.until(deadline, query + " committed at watermark " + Instant.ofEpochMilli(target),
                    () -> checkpoints.committedWatermark(checkpoint).orElse(Long.MIN_VALUE) >= target);
        }
    }

    /**
     * Records per ingest batch at most where an outage is the fault (S3, the broker): what counts
     * there is every event persisted once, not windows equal to another run's, so the batches can
     * be larger than kill-stream's. Every batch costs each of the job's queries its fixed work
     * (about a CPU second and a half), so fewer batches make a shorter run.
     */
    static final long OUTAGE_BATCH = 5000;

    /** A short trigger and small batches: many batches, so a fault finds one in flight. */
    static List<String> streamArgs(long maxOffsetsPerTrigger, String... more) {
        List<String> args = new ArrayList<>(List.of("--trigger", "1s", "--model-poll", "2s",
                "--max-offsets-per-trigger", String.valueOf(maxOffsetsPerTrigger)));
        args.addAll(List.of(more));
        return args;
    }

    /** How often the outputs are counted while the job logs no new ingest batch (S3 back, a restarted query). */
    static final Duration UNPROMPTED_COUNT = Duration.ofSeconds(15);

    /**
     * Waits until the outputs hold as many rows as records were produced (cheap row counts; the
     * identities are checked afterwards), failing when the job exits or the deadline passes. The
     * outputs are counted when the job has logged an ingest batch since the last count, and at
     * least every {@link #UNPROMPTED_COUNT}: a count is a Spark job over S3, and counting every
     * few seconds cost the runner more CPU than anything else it does. The log only says when to
     * look; what is there is read from the parquet.
     */
    static void awaitAllTakenIn(Child job, Census census, String root, Produced produced, Duration deadline)
            throws InterruptedException {
        long expected = produced.goodCount() + produced.badCount();
        long until = System.nanoTime() + deadline.toNanos();
        long batchesCounted = -1;
        long countedAt = 0;
        long rows = 0;
        while (true) {
            long batches = job.lines(INGEST_BATCH);
            if (batches != batchesCounted || System.nanoTime() - countedAt > UNPROMPTED_COUNT.toNanos()) {
                batchesCounted = batches;
                countedAt = System.nanoTime();
                rows = census.size(root, S3Layout.events(EventKind.PROCESS)) + census.size(root, S3Layout.events(EventKind.MEMORY))
                        + census.size(root, S3Layout.DEADLETTER);
                if (rows >= expected) {
                    return;
                }
            }
            if (!job.alive()) {
                throw new IllegalStateException(job.name() + " exited with " + rows + " of " + expected
                        + " records in its outputs (see " + job.log() + ")");
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException(job.name() + " has " + rows + " of " + expected + " records in its outputs after "
                        + deadline.toMinutes() + " min (see " + job.log() + ")");
            }
            Thread.sleep(500);
        }
    }
}

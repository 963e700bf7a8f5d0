package dev.stophack.faults.scenario;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.faults.census.Census;
import dev.stophack.faults.census.RunnerSpark;
import dev.stophack.faults.feed.Feeder;
import dev.stophack.faults.feed.Produced;
import dev.stophack.faults.feed.Telemetry;
import dev.stophack.faults.parts.Child;
import dev.stophack.faults.parts.Pipeline;
import dev.stophack.faults.registry.RolloutHistory;
import dev.stophack.faults.registry.VersionWriter;
import dev.stophack.models.ModelStore;
import dev.stophack.storage.BlobStore;
import dev.stophack.storage.S3BlobStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A model version that fails on blank values (a finished process's sizes), registered while the
 * job streams. The laptop rollout loop must refuse it at the gate, and so must a person's
 * {@code rollout promote} without {@code --force}. An operator then forces it ACTIVE anyway: the
 * job must refuse to load it and go on scoring with the version it has, and after the rollback
 * its batches must go on; no event lost or duplicated, none scored by the bad version.
 */
public final class BadModel implements Scenario {
    static final EventKind KIND = EventKind.PROCESS;
    /** A numeric column of process events that is blank in the probe set (and for a finished process). */
    static final String COLUMN = "CPU";

    @Override
    public String name() {
        return "bad-model";
    }

    @Override
    public String description() {
        return "a model that fails on blank values, promoted while the job streams: refused by the gate; forced past it, "
                + "refused by the job; after a rollback the job goes on: every event once";
    }

    @Override
    public Outcome run(Context c) throws Exception {
        Scale scale = c.scale();
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (Pipeline p = new Pipeline(c.launcher(), c.folder(), name()).start(c.baselineModels()); S3Client s3 = p.s3Client()) {
            BlobStore blobs = new S3BlobStore(s3, p.bucket(), S3Layout.MODELS);
            ModelStore store = new ModelStore(blobs);
            Produced produced = new Produced();
            try (Feeder feeder = new Feeder(p.bootstrap(), produced).awaitLeaders(List.of("process", "memory"));
                 Telemetry telemetry = new Telemetry(c.folder().resolve("telemetry"), scale.rowsPerKind(), 19)) {
                Child job = p.stream("stream", p.kafka(), 0, Runs.streamArgs(KillStream.BATCH));
                int good = store.active(KIND).orElseThrow().version();
                // made while the job starts: the runner's Spark fits it and scores the probe set with it, as training does
                VersionWriter writer = new VersionWriter(RunnerSpark.session(), store, blobs, c.folder().resolve("models-made"));
                int bad = writer.failingOnBlanks(KIND, COLUMN, good);
                if (writer.probePassed(KIND, bad)) {
                    failures.add("v" + bad + " passed the probe: it was meant to fail on blank " + COLUMN);
                }
                long third = scale.rowsPerKind() / 3;
                telemetry.next(third, feeder::send);
                feeder.flush();
                job.awaitLines(Runs.INGEST_BATCH, 1, scale.deadline());
                c.say(name(), KIND.id() + " v" + bad + " registered (fails on a blank " + COLUMN + "); v" + good + " active");

                // the laptop loop's round, and a person without --force: both refused at the gate
                int loop = p.rollout("rollout-watch", Map.of(), List.of("watch", "--once", "--no-rates")).await(scale.deadline());
                if (loop != 0) {
                    failures.add("rollout watch --once exited with " + loop);
                }
                Child person = p.rollout("rollout-promote", Map.of(), List.of("promote", KIND.id(), String.valueOf(bad)));
                int refused = person.await(scale.deadline());
                if (refused == 0 || person.lines("refused by the gate") == 0) {
                    failures.add("rollout promote without --force was not refused by the gate (exit " + refused + ", see "
                            + person.log() + ")");
                }
                RolloutHistory gated = history(blobs);
                if (gated.count(HistoryEntry.Action.Rejected, bad) != 1 || gated.count(HistoryEntry.Action.Promoted, bad) != 0) {
                    failures.add("HISTORY.jsonl after the gate: " + gated.describe());
                }
                if (activeVersion(store) != good) {
                    failures.add("ACTIVE moved to v" + activeVersion(store) + " though the gate refused v" + bad);
                }

                // an operator forces it: the job must refuse to load it and keep scoring with the good one
                int forced = p.rollout("rollout-force", Map.of(), List.of("promote", KIND.id(), String.valueOf(bad), "--force",
                        "--reason", "fault scenario: an operator forces a version past the gate")).await(scale.deadline());
                if (forced != 0 || activeVersion(store) != bad) {
                    failures.add("rollout promote --force did not make v" + bad + " active (exit " + forced + ")");
                }
                String refusal = "refusing the " + KIND.id() + " ACTIVE pointer to v" + bad;
                job.awaitLines(refusal, 1, scale.deadline());
                telemetry.next(third, feeder::send);
                feeder.flush();
                long whileForced = job.lines(Runs.INGEST_BATCH);
                job.awaitLines(Runs.INGEST_BATCH, whileForced + 1, scale.deadline());
                c.say(name(), "v" + bad + " forced ACTIVE: the job refused it and went on with v" + good + "; rolling back");

                int back = p.rollout("rollout-rollback", Map.of(), List.of("rollback", KIND.id())).await(scale.deadline());
                if (back != 0 || activeVersion(store) != good) {
                    failures.add("rollout rollback did not bring back v" + good + " (exit " + back + ")");
                }
                long atRollback = job.lines(Runs.INGEST_BATCH);
                telemetry.next(scale.rowsPerKind(), feeder::send);
                telemetry.flush(feeder::send);
                feeder.flush();

                Census census = new Census(p.s3Endpoint(), p.bucket());
                Runs.awaitAllTakenIn(job, census, census.root(""), produced, scale.deadline());
                long after = job.lines(Runs.INGEST_BATCH) - atRollback;
                if (after == 0) {
                    failures.add("no ingest batch after the rollback");
                }
                if (!job.alive()) {
                    failures.add("the job exited (see " + job.log() + ")");
                }
                Map<Integer, Long> scoredBy = census.byModelVersion(census.root(""), KIND);
                if (scoredBy.getOrDefault(bad, 0L) > 0) {
                    failures.add(scoredBy.get(bad) + " " + KIND.id() + " events scored by v" + bad);
                }
                RolloutHistory last = history(blobs);
                if (last.count(HistoryEntry.Action.Promoted, bad) != 1 || last.count(HistoryEntry.Action.RolledBack, good) != 1
                        || last.numberingFault() != null) {
                    failures.add("HISTORY.jsonl at the end: " + last.describe());
                }
                notes.add("the job refused v" + bad + " " + job.lines(refusal) + " time(s); " + after
                        + " ingest batches after the rollback; the ingest query started " + job.lines(Runs.QUERY_STARTED)
                        + " time(s)");
                notes.add(KIND.id() + " events by model version: " + scoredBy);
                notes.add("HISTORY.jsonl: " + String.join("; ", last.describe()));
                job.stop(Duration.ofSeconds(20));
                return new Outcome(name(), "v" + bad + " failing on blanks: gated, forced, rolled back",
                        census.count(census.root(""), produced), failures, notes);
            }
        }
    }

    private static RolloutHistory history(BlobStore blobs) throws IOException {
        return RolloutHistory.parse(blobs.get(S3Layout.historyFile(KIND)).orElse(new byte[0]));
    }

    private static int activeVersion(ModelStore store) throws IOException {
        return store.active(KIND).orElseThrow().version();
    }
}

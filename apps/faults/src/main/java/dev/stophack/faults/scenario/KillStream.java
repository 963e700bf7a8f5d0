package dev.stophack.faults.scenario;

import dev.stophack.api.s3.S3Layout;
import dev.stophack.faults.census.Census;
import dev.stophack.faults.census.Checkpoints;
import dev.stophack.faults.census.Tally;
import dev.stophack.faults.feed.Feeder;
import dev.stophack.faults.feed.Produced;
import dev.stophack.faults.feed.Telemetry;
import dev.stophack.faults.parts.Child;
import dev.stophack.faults.parts.Pipeline;
import dev.stophack.faults.parts.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The streaming job killed with SIGKILL at random points, then run until it is done and stopped
 * cleanly: every event persisted once, and the window and join outputs equal to those of
 * a run without kills. That reference run reads the same records, fed in the same order to a
 * broker of its own (the job's internal topic must not be shared), into its own output root.
 */
public final class KillStream implements Scenario {
    /** Records per ingest batch at most: an ingest batch of 2,000 spans 10 s of event time, half the watermark. */
    static final long BATCH = 2000;

    /** The time a join row was made (the job's DetectedAttacks.PROCESSING_TIME): no two runs agree on it. */
    static final Set<String> RUN_SPECIFIC = Set.of("processing_time");

    @Override
    public String name() {
        return "kill-stream";
    }

    @Override
    public String description() {
        return "kill -9 of the streaming job at random points, then a clean finish: every event once; "
                + "windows and joins equal to a run without kills";
    }

    @Override
    public Outcome run(Context c) throws Exception {
        Scale scale = c.scale();
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (Pipeline p = new Pipeline(c.launcher(), c.folder(), name()); S3Client s3 = p.s3Client()) {
            Service reference = p.broker("kafka-reference").launch(); // starts beside the pipeline's own parts
            p.start(c.baselineModels());
            reference.awaitReady();
            Produced produced = new Produced();
            Produced referenceProduced = new Produced();
            long flushTime;
            try (Feeder feeder = new Feeder(p.bootstrap(), produced);
                 Feeder referenceFeeder = new Feeder(Pipeline.bootstrap(reference), referenceProduced);
                 Telemetry telemetry = new Telemetry(c.folder().resolve("telemetry"), scale.rowsPerKind(), 7)) {
                feeder.awaitLeaders(List.of("process", "memory"));
                referenceFeeder.awaitLeaders(List.of("process", "memory"));
                telemetry.next(scale.rowsPerKind(), (t, k, v, bad) -> {
                    feeder.send(t, k, v, bad);
                    referenceFeeder.send(t, k, v, bad);
                });
                telemetry.flush((t, k, v, bad) -> {
                    feeder.send(t, k, v, bad);
                    referenceFeeder.send(t, k, v, bad);
                });
                feeder.flush();
                referenceFeeder.flush();
                flushTime = telemetry.flushTime();
            }
            // small volumes get smaller batches, so that every run until the last kill has batches left to make
            long batch = Math.max(100, Math.min(BATCH, produced.goodCount() / (4L * scale.kills())));
            c.say(name(), "fed " + produced.goodCount() + " events to both brokers; the reference run, without kills,"
                    + " runs beside the killed ones");
            Child ref = p.stream("stream-reference", reference, 0, Runs.streamArgs(batch,
                    "--output", "s3a://" + p.bucket() + "/reference",
                    "--checkpoints", "s3a://" + p.bucket() + "/reference/checkpoints"));
            Census census = new Census(p.s3Endpoint(), p.bucket());
            Checkpoints checkpoints = new Checkpoints(s3, p.bucket());

            for (int k = 1; k <= scale.kills(); k++) {
                Child job = p.stream("stream", p.kafka(), 0, Runs.streamArgs(batch));
                long before = job.lines(Runs.INGEST_BATCH);
                long batches = 1 + c.random().nextInt(2); // at least one batch of progress per run
                job.awaitLines(Runs.INGEST_BATCH, before + batches, scale.deadline());
                Thread.sleep(c.random().nextInt(1500)); // anywhere in the batch that follows
                job.kill();
                c.say(name(), "kill " + k + " of " + scale.kills() + ": SIGKILL after "
                        + (job.lines(Runs.INGEST_BATCH) - before) + " ingest batches of this run");
            }
            c.say(name(), "a last run, not killed, until every window is final");
            Child last = p.stream("stream-last", p.kafka(), 0, Runs.streamArgs(batch));
            finish(last, census, census.root(""), checkpoints, S3Layout.CHECKPOINTS, produced, flushTime, scale);
            finish(ref, census, census.root("reference"), checkpoints, "reference/" + S3Layout.CHECKPOINTS, referenceProduced,
                    flushTime, scale);

            Tally tally = census.count(census.root(""), produced);
            Tally refTally = census.count(census.root("reference"), referenceProduced);
            if (!refTally.clean() || refTally.persisted() != tally.produced()) {
                failures.add("the reference run itself is not clean: " + refTally);
            }
            for (String output : List.of(S3Layout.POTENTIAL_ATTACKS, S3Layout.DETECTED_ATTACKS)) {
                List<String> killed = census.rows(census.root(""), output, RUN_SPECIFIC);
                List<String> clean = census.rows(census.root("reference"), output, RUN_SPECIFIC);
                if (!killed.equals(clean)) {
                    List<String> missing = new ArrayList<>(clean);
                    missing.removeAll(killed);
                    List<String> extra = new ArrayList<>(killed);
                    extra.removeAll(clean);
                    failures.add(output + ": " + killed.size() + " rows against " + clean.size() + " without kills ("
                            + missing.size() + " missing, " + extra.size() + " extra)");
                } else {
                    notes.add(output + ": " + clean.size() + " rows, equal to the run without kills");
                }
            }
            return new Outcome(name(), scale.kills() + " x kill -9 of stream", tally, failures, notes);
        }
    }

    /** Runs {@code job} until it took in every record and its windows are final, then stops it (SIGTERM). */
    private static void finish(Child job, Census census, String root, Checkpoints checkpoints, String checkpointRoot,
            Produced produced, long flushTime, Scale scale) throws InterruptedException {
        Runs.awaitAllTakenIn(job, census, root, produced, scale.deadline());
        Runs.awaitFinalWindows(job, checkpoints, checkpointRoot, flushTime, scale.deadline());
        job.stop(Duration.ofSeconds(20));
    }
}

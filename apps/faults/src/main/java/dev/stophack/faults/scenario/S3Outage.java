package dev.stophack.faults.scenario;

import dev.stophack.faults.census.Census;
import dev.stophack.faults.feed.Feeder;
import dev.stophack.faults.feed.Produced;
import dev.stophack.faults.feed.Telemetry;
import dev.stophack.faults.parts.Child;
import dev.stophack.faults.parts.Pipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * S3 (outputs, checkpoints and models all live there) killed while the job streams and events keep
 * coming, back after the outage on the same port and data: the job, never restarted by anyone,
 * takes everything in once S3 is back.
 */
public final class S3Outage implements Scenario {
    @Override
    public String name() {
        return "s3-down";
    }

    @Override
    public String description() {
        return "the S3 endpoint killed while events keep coming, back after the outage: every event once";
    }

    @Override
    public Outcome run(Context c) throws Exception {
        Scale scale = c.scale();
        try (Pipeline p = new Pipeline(c.launcher(), c.folder(), name()).start(c.baselineModels())) {
            Produced produced = new Produced();
            try (Feeder feeder = new Feeder(p.bootstrap(), produced).awaitLeaders(List.of("process", "memory"));
                 Telemetry telemetry = new Telemetry(c.folder().resolve("telemetry"), scale.rowsPerKind(), 11)) {
                Child job = p.stream("stream", p.kafka(), 0, Runs.streamArgs(Runs.OUTAGE_BATCH));
                telemetry.next(scale.rowsPerKind() / 2, feeder::send);
                feeder.flush();
                job.awaitLines(Runs.INGEST_BATCH, 1, scale.deadline());

                p.s3().kill();
                long down = System.nanoTime();
                c.say(name(), "S3 killed after " + job.lines(Runs.INGEST_BATCH) + " ingest batches; feeding the rest");
                telemetry.next(scale.rowsPerKind(), feeder::send);
                telemetry.flush(feeder::send);
                feeder.flush();
                long left = scale.s3Outage().toMillis() - (System.nanoTime() - down) / 1_000_000;
                Thread.sleep(Math.max(0, left));
                long restartsBefore = job.lines(Runs.QUERY_STARTED);
                p.s3().start();
                // longer than asked when feeding the rest took longer: the table says how long it was
                long away = (System.nanoTime() - down) / 1_000_000_000;
                c.say(name(), "S3 back after " + away + " s");

                Census census = new Census(p.s3Endpoint(), p.bucket());
                Runs.awaitAllTakenIn(job, census, census.root(""), produced, scale.deadline());
                List<String> failures = new ArrayList<>();
                if (!job.alive()) {
                    failures.add("the job exited (see " + job.log() + ")");
                }
                List<String> notes = List.of("the ingest query was started " + job.lines(Runs.QUERY_STARTED)
                        + " times (" + (job.lines(Runs.QUERY_STARTED) - restartsBefore) + " after S3 came back)");
                job.stop(Duration.ofSeconds(20));
                return new Outcome(name(), "S3 killed for " + away + " s",
                        census.count(census.root(""), produced), failures, notes);
            }
        }
    }
}

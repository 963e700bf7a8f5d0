package dev.stophack.faults.scenario;

import dev.stophack.faults.census.Census;
import dev.stophack.faults.feed.Feeder;
import dev.stophack.faults.feed.Malformed;
import dev.stophack.faults.feed.Produced;
import dev.stophack.faults.feed.Telemetry;
import dev.stophack.faults.parts.Child;
import dev.stophack.faults.parts.Pipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One bad record in every hundred and one, of {@link Malformed#KINDS}' many kinds, mixed into the
 * good ones while the job streams: every good event persisted, every bad record dead-lettered
 * with a reason, the job's {@code /healthz} never unhealthy and its ingest query never restarted.
 */
public final class MalformedRecords implements Scenario {
    /** Good records (50 pairs) between two bad ones. */
    private static final int PAIRS_PER_BAD = 50;

    @Override
    public String name() {
        return "malformed";
    }

    @Override
    public String description() {
        return "1% malformed records of " + Malformed.KINDS.size() + " kinds among good ones: every good event persisted, "
                + "every bad one dead-lettered with a reason, the job never down";
    }

    @Override
    public Outcome run(Context c) throws Exception {
        Scale scale = c.scale();
        long pairs = scale.malformedGood() / 2;
        try (Pipeline p = new Pipeline(c.launcher(), c.folder(), name()).start(c.baselineModels())) {
            Produced produced = new Produced();
            int port = Pipeline.freePort();
            Child job = p.stream("stream", p.kafka(), port, Runs.streamArgs(100_000));
            try (Feeder feeder = new Feeder(p.bootstrap(), produced).awaitLeaders(List.of("process", "memory"));
                 Telemetry telemetry = new Telemetry(c.folder().resolve("telemetry"), pairs, 17);
                 HealthWatch health = new HealthWatch(port)) {
                long bad = 0;
                while (telemetry.next(PAIRS_PER_BAD, feeder::send) > 0) {
                    Malformed.send(bad++, feeder::send);
                }
                telemetry.flush(feeder::send);
                feeder.flush();
                c.say(name(), "fed " + produced.goodCount() + " good and " + produced.badCount() + " bad records");

                Census census = new Census(p.s3Endpoint(), p.bucket());
                Runs.awaitAllTakenIn(job, census, census.root(""), produced, scale.deadline());
                health.close(); // before the job is stopped: a stopping job answers 503, rightly
                List<String> failures = new ArrayList<>();
                if (health.down() > 0) {
                    failures.add("/healthz answered unhealthy in " + health.down() + " of " + health.probes() + " probes");
                }
                if (job.lines(Runs.QUERY_STARTED) > 1) {
                    failures.add("the ingest query was restarted " + (job.lines(Runs.QUERY_STARTED) - 1) + " times");
                }
                if (!job.alive()) {
                    failures.add("the job exited (see " + job.log() + ")");
                }
                List<String> notes = List.of("/healthz: " + health.probes() + " probes, " + health.down() + " unhealthy, "
                        + health.unanswered() + " unanswered within 5 s");
                job.stop(Duration.ofSeconds(20));
                return new Outcome(name(), produced.badCount() + " malformed (" + Malformed.KINDS.size() + " kinds)",
                        census.count(census.root(""), produced), failures, notes);
            }
        }
    }
}

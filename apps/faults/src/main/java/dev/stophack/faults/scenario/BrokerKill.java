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
import java.util.concurrent.atomic.AtomicReference;

/**
 * The broker killed with SIGKILL while events are being produced and streamed, back after the
 * outage on the same port and data: the feed rides it out, and the job takes everything in once.
 */
public final class BrokerKill implements Scenario {
    /** Pairs of events sent between two pauses of the paced feed. */
    private static final int CHUNK = 250;

    @Override
    public String name() {
        return "kill-broker";
    }

    @Override
    public String description() {
        return "the Kafka broker killed (SIGKILL) during production and streaming, restarted: every event once";
    }

    @Override
    public Outcome run(Context c) throws Exception {
        Scale scale = c.scale();
        try (Pipeline p = new Pipeline(c.launcher(), c.folder(), name()).start(c.baselineModels())) {
            Produced produced = new Produced();
            try (Feeder feeder = new Feeder(p.bootstrap(), produced).awaitLeaders(List.of("process", "memory"));
                 Telemetry telemetry = new Telemetry(c.folder().resolve("telemetry"), scale.rowsPerKind(), 13)) {
                Child job = p.stream("stream", p.kafka(), 0, Runs.streamArgs(Runs.OUTAGE_BATCH));
                long third = scale.rowsPerKind() / 3;
                telemetry.next(third, feeder::send);
                feeder.flush();
                job.awaitLines(Runs.INGEST_BATCH, 1, scale.deadline());

                // the rest goes out paced, so that production is under way when the broker dies
                AtomicReference<Exception> feedFailure = new AtomicReference<>();
                Thread feed = new Thread(() -> {
                    try {
                        while (telemetry.next(CHUNK, feeder::send) > 0) {
                            Thread.sleep(50);
                        }
                        telemetry.flush(feeder::send);
                        feeder.flush();
                    } catch (Exception e) {
                        feedFailure.set(e);
                    }
                }, "feed");
                feed.start();
                while (telemetry.sent() < 2 * third && feed.isAlive()) {
                    Thread.sleep(20);
                }
                long handed = telemetry.sent(); // before the kill: the feed goes on sending while it lands
                p.kafka().kill();
                c.say(name(), "broker killed with " + handed + " of " + scale.rowsPerKind()
                        + " events of each kind handed to the producer");
                Thread.sleep(scale.brokerOutage().toMillis());
                p.kafka().start();
                c.say(name(), "broker back after " + scale.brokerOutage().toSeconds() + " s");
                feed.join();
                List<String> failures = new ArrayList<>();
                if (feedFailure.get() != null) {
                    failures.add("the feed failed: " + feedFailure.get());
                }
                if (feeder.failed() > 0) {
                    failures.add(feeder.failed() + " records never acknowledged by the broker: " + feeder.firstFailure());
                }

                Census census = new Census(p.s3Endpoint(), p.bucket());
                Runs.awaitAllTakenIn(job, census, census.root(""), produced, scale.deadline());
                if (!job.alive()) {
                    failures.add("the job exited (see " + job.log() + ")");
                }
                List<String> notes = List.of("the ingest query was started " + job.lines(Runs.QUERY_STARTED) + " times");
                job.stop(Duration.ofSeconds(20));
                return new Outcome(name(), "broker SIGKILL for " + scale.brokerOutage().toSeconds() + " s",
                        census.count(census.root(""), produced), failures, notes);
            }
        }
    }
}

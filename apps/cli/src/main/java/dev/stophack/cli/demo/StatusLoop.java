package dev.stophack.cli.demo;

import dev.stophack.api.kafka.Topics;
import dev.stophack.cli.demo.status.KafkaTally;
import dev.stophack.cli.demo.status.DemoStatus;
import dev.stophack.cli.demo.status.QueryCheckpoint;
import dev.stophack.cli.demo.status.StatusReader;
import dev.stophack.storage.BlobStore;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The demo while it runs: the live status line, the background training when its time comes,
 * a part that dies (told with its log's tail), and at a timed end the drain: producers first,
 * then the streaming job once it has read everything they sent.
 */
public final class StatusLoop implements AutoCloseable {
    /**
     * The streaming job's queries (StreamJob's names) that the drain waits for, with the topics
     * they read: the ingest, then the two that turn its attack predictions into the attack counts
     * and the detected attacks in Kafka. Their checkpoints tell how far each got.
     */
    private static final Map<String, List<String>> QUERIES = Map.of(
            "ingest", List.of(Topics.PROCESS, Topics.MEMORY),
            "attack-counts", List.of(Topics.ATTACK_PREDICTIONS),
            "detected-attacks", List.of(Topics.ATTACK_PREDICTIONS));
    /**
     * The web log's ingest query (WeblogQueries.INGEST), waited for only when the demo replays a
     * log: on an empty topic it may commit no batch at all.
     */
    private static final Map<String, List<String>> WEBLOG_QUERIES = Map.of("weblog-ingest", List.of(Topics.WEBLOG));
    private static final Duration TICK = Duration.ofMillis(500);
    /** How long the drain waits for a streaming job that reads nothing new ({@link Patience}). */
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(3);

    private final Supervisor supervisor;
    private final DemoPlan plan;
    private final Pace pace;
    private final PrintStream out;
    private final KafkaTally kafka;
    private final StatusReader reader;
    private final BlobStore bucket;
    private final Map<String, List<String>> drained;
    private Map<String, Long> lastProgress = Map.of();
    private final boolean terminal = System.console() != null;
    private boolean lineOpen;

    public StatusLoop(Supervisor supervisor, DemoPlan plan, Ports ports, Pace pace, BlobStore bucket, PrintStream out) {
        this.supervisor = supervisor;
        this.plan = plan;
        this.pace = pace;
        this.out = out;
        this.kafka = new KafkaTally(ports.bootstrap());
        this.reader = new StatusReader(List.of(ports.produceProcess(), ports.produceMemory()), ports.stream(), kafka);
        this.bucket = bucket;
        Map<String, List<String>> queries = new java.util.HashMap<>(QUERIES);
        if (plan.webLog() != null) {
            queries.putAll(WEBLOG_QUERIES);
        }
        this.drained = Map.copyOf(queries);
    }

    /** Runs until a service dies (1) or {@code duration} passes (null: until interrupted), then drains (0). */
    public int run(Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        long trainAt = start + pace.trainAfter().toNanos();
        boolean trainStarted = plan.retrain() == null;
        long nextStatus = start;
        Map<String, Integer> models = Map.of();
        while (System.nanoTime() < end) {
            String dead = supervisor.deadService();
            if (dead != null) {
                say("demo: " + dead);
                return 1;
            }
            Map.Entry<Part, Integer> job = supervisor.finishedJob();
            if (job != null) {
                say(ended(job.getKey(), job.getValue()));
            }
            if (!trainStarted && System.nanoTime() >= trainAt) {
                trainStarted = true;
                try {
                    supervisor.startBackground(plan.retrain());
                    say("demo: training a new model version in the background (" + plan.retrain().name() + ".log)");
                } catch (IOException e) {
                    say("demo: could not start the training: " + e.getMessage());
                }
            }
            if (System.nanoTime() >= nextStatus) {
                DemoStatus status = reader.read();
                if (!models.isEmpty() && !status.models().isEmpty() && !status.models().equals(models)) {
                    say("demo: the streaming job now scores " + changes(models, status.models()));
                }
                if (!status.models().isEmpty()) {
                    models = status.models();
                }
                show(status);
                nextStatus = System.nanoTime() + (terminal ? Duration.ofSeconds(1) : pace.status()).toNanos();
            }
            Thread.sleep(TICK.toMillis());
        }
        return drain();
    }

    /** What to say when a background job ended with {@code code}: the training, or the web log's replay. */
    private String ended(Part job, int code) {
        DemoPlan.WebLog web = plan.webLog();
        if (web != null && job.equals(web.replay())) {
            if (code != 0) {
                return "demo: the web log's replay failed; the rest goes on. " + supervisor.death(job, code);
            }
            try {
                java.nio.file.Files.writeString(web.replayed(), java.time.Instant.now() + "\n");
            } catch (IOException e) {
                return "demo: the web log is replayed, but " + web.replayed() + " could not be written (" + e.getMessage()
                        + "): the next run replays it again";
            }
            return "demo: the web log is replayed to its end: its hour is in the weblog topic and the web tables";
        }
        return code == 0
                ? "demo: training done: a new version of each model, for the rollout loop to gate"
                : "demo: training failed; the demo goes on with the models it has. " + supervisor.death(job, code);
    }

    /** Producers first (they send what they hold), then wait until every query's checkpoint reaches its topics' end. */
    private int drain() throws InterruptedException {
        say("demo: stopping the producers, then waiting for the streaming job to read all they sent"
                + " and count its attacks");
        supervisor.stop("produce");
        Patience patience = new Patience(CATCH_UP_LIMIT, System::nanoTime);
        while (true) {
            String dead = supervisor.deadService();
            if (dead != null) {
                say("demo: " + dead);
                return 1;
            }
            if (drained.keySet().stream().allMatch(this::caughtUp)) {
                say(String.format(Locale.ROOT, "demo: caught up: the streaming job has read all %,d events in Kafka",
                        kafka.events()));
                kafka.readToEnd(Duration.ofSeconds(30)); // the last batches' status records and attacks
                say("status: " + reader.read().line());
                return 0;
            }
            if (patience.exhausted(progress())) {
                say("demo: the streaming job has not caught up and has not moved for " + CATCH_UP_LIMIT.toMinutes()
                        + " minutes; stopping anyway (it resumes from its checkpoint next time)");
                return 0;
            }
            Thread.sleep(TICK.toMillis());
        }
    }

    /** How far each query has got: it changes whenever the job starts or finishes a batch, its first one too. */
    private Map<String, Long> progress() {
        Map<String, Long> progress = new java.util.HashMap<>();
        for (String query : drained.keySet()) {
            try {
                progress.put(query, new QueryCheckpoint(bucket, query).steps());
            } catch (IOException | RuntimeException e) {
                Long before = lastProgress.get(query); // S3 busy for a moment: as it was
                if (before != null) {
                    progress.put(query, before);
                }
            }
        }
        lastProgress = progress;
        return progress;
    }

    /** Whether {@code query}'s last committed batch read its topics to their end. */
    private boolean caughtUp(String query) {
        try {
            Optional<Map<String, Long>> committed = new QueryCheckpoint(bucket, query).committed();
            return committed.isPresent() && QueryCheckpoint.caughtUp(committed.get(), kafka.ends(drained.get(query)));
        } catch (IOException | RuntimeException e) {
            return false; // S3 or Kafka busy for a moment: ask again
        }
    }

    /** "process with v2 (was v1)", for each kind whose version changed. */
    static String changes(Map<String, Integer> before, Map<String, Integer> now) {
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(now).forEach((kind, version) -> {
            Integer was = before.get(kind);
            if (!Objects.equals(was, version)) {
                text.append(text.length() == 0 ? "" : ", ").append(kind).append(" with ").append(name(version))
                        .append(" (was ").append(name(was)).append(')');
            }
        });
        return text.toString();
    }

    private static String name(Integer version) {
        return version == null || version == 0 ? "no model" : "v" + version;
    }

    /** On a terminal the status line is rewritten in place; elsewhere it is a line every few seconds. */
    private void show(DemoStatus status) {
        if (terminal) {
            out.print("\r" + status.line() + "\033[K");
            out.flush();
            lineOpen = true;
        } else {
            out.println("status: " + status.line());
        }
    }

    private void say(String text) {
        if (lineOpen) {
            out.print("\r\033[K");
            lineOpen = false;
        }
        out.println(text);
    }

    @Override
    public void close() {
        if (lineOpen) {
            out.println();
        }
        reader.close();
    }
}

package dev.stophack.streaming.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.ActivePointer;
import dev.stophack.api.models.CandidatePointer;
import dev.stophack.models.ModelStore;
import dev.stophack.models.StoredVersion;
import dev.stophack.streaming.metrics.StreamMetrics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model each kind is scored with, kept current by polling {@code models/<kind>/ACTIVE} on a
 * driver thread, and the candidate scored in its shadow, from {@code models/<kind>/CANDIDATE} at
 * the same polls. A new pointer's model is loaded and validated off the streaming thread; only
 * then does it become current, so the next micro-batch picks it up. A pointer to a missing or
 * unloadable model is refused: the current model stays (a refused candidate is not scored), the
 * refusal is logged and counted. A CANDIDATE pointer that is gone (the version was promoted or
 * rejected) ends the shadow scoring at that poll.
 *
 * <p>Loading a pipeline is some twenty-five small Spark jobs per model (a text read per stage's
 * metadata, a schema read and a collect per stage's data); behind the queries' tasks in Spark's
 * default first-come order each one waits for the batches submitted before it. The loaders
 * submit them to the scheduler pool {@value #LOAD_POOL} instead, which the job's fair scheduler
 * serves before the queries' pool (see {@code fairscheduler.xml}).
 */
public final class ActiveModels implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveModels.class);
    /** The Spark scheduler pool of the loaders' jobs: served first when the job schedules fairly. */
    public static final String LOAD_POOL = "model-load";
    /** Loaded versions kept for replays and quick switches back. */
    private static final int CACHED_VERSIONS = 4;

    private final SparkSession spark;
    private final ModelStore store;
    private final Duration pollInterval;
    private final StreamMetrics metrics;
    private final SwapPolicy policy;
    private final ModelValidator validator;
    private final Clock clock;
    private final Map<EventKind, LoadedModel> current = new EnumMap<>(EventKind.class);
    private final Map<EventKind, Refusal> refusals = new EnumMap<>(EventKind.class);
    private final Map<EventKind, LoadedModel> candidates = new EnumMap<>(EventKind.class);
    private final Map<EventKind, Refusal> candidateRefusals = new EnumMap<>(EventKind.class);
    private final Map<String, LoadedModel> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LoadedModel> eldest) {
            return size() > CACHED_VERSIONS;
        }
    };
    private ScheduledExecutorService poller;
    private final Object pollLock = new Object();
    /** One thread per kind, so that the kinds' models load in parallel. */
    private final ExecutorService loaders = Executors.newFixedThreadPool(EventKind.values().length, r -> {
        Thread t = new Thread(r, "model-loader");
        t.setDaemon(true);
        return t;
    });

    public ActiveModels(SparkSession spark, ModelStore store, Duration pollInterval, StreamMetrics metrics) {
        this.spark = spark;
        this.store = store;
        this.pollInterval = pollInterval;
        this.metrics = metrics;
        // a refused pointer is retried every ten polls (at least a minute): logged, not spammed
        this.policy = new SwapPolicy(max(pollInterval.multipliedBy(10), Duration.ofMinutes(1)));
        this.validator = new ModelValidator(spark);
        this.clock = Clock.systemUTC();
        for (EventKind kind : EventKind.values()) {
            metrics.modelVersion(kind, 0);
            metrics.candidateVersion(kind, 0);
        }
    }

    /**
     * Reads the pointers once (so the first batch is scored) and then every poll interval. Not
     * synchronized on this: the first poll's loader threads take this object's lock.
     */
    public void start() {
        pollOnce();
        ScheduledExecutorService scheduled = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-poller");
            t.setDaemon(true);
            return t;
        });
        long ms = pollInterval.toMillis();
        scheduled.scheduleWithFixedDelay(this::pollQuietly, ms, ms, TimeUnit.MILLISECONDS);
        synchronized (this) {
            poller = scheduled;
        }
    }

    private void pollQuietly() {
        try {
            pollOnce();
        } catch (Exception e) { // an escaping exception would cancel every later poll
            LOG.warn("model poll failed: {}", e.toString());
        }
    }

    /**
     * One poll of every kind's pointers, the kinds side by side: loading and validating a model
     * takes seconds of Spark jobs, and a promotion of both kinds should not wait for one after
     * the other. Returns when every kind is done; one poll at a time, so that a kind never waits
     * in the loaders' queue (and {@link #close()} leaves no poll waiting for a queued task).
     */
    public void pollOnce() {
        synchronized (pollLock) {
            pollKindsSideBySide();
        }
    }

    private void pollKindsSideBySide() {
        List<CompletableFuture<Void>> kinds = new ArrayList<>();
        for (EventKind kind : EventKind.values()) {
            kinds.add(CompletableFuture.runAsync(() -> {
                // a thread's jobs go to the pool its local property names (ignored when scheduling first-come)
                spark.sparkContext().setLocalProperty("spark.scheduler.pool", LOAD_POOL);
                poll(kind);
                pollCandidate(kind);
            }, loaders));
        }
        try {
            CompletableFuture.allOf(kinds.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void pollCandidate(EventKind kind) {
        CandidatePointer pointer;
        try {
            pointer = store.candidate(kind).orElse(null);
        } catch (IOException e) {
            LOG.warn("cannot read the {} CANDIDATE pointer (keeping {}): {}", kind, describeCandidate(candidate(kind)),
                    e.getMessage());
            return;
        }
        LoadedModel now = candidate(kind).orElse(null);
        if (pointer == null) {
            boolean had;
            synchronized (this) {
                had = candidates.remove(kind) != null;
                candidateRefusals.remove(kind);
            }
            if (had) {
                metrics.candidateVersion(kind, 0);
                LOG.info("{} candidate v{} is no longer in shadow (promoted or rejected): not scored from the next"
                        + " micro-batch on", kind, now.version());
            }
            return;
        }
        Refusal refused;
        synchronized (this) {
            refused = candidateRefusals.get(kind);
        }
        switch (policy.decide(now, pointer.version(), pointer.uri(), refused, clock.instant())) {
            case KEEP, WAIT -> {
            }
            case LOAD -> {
                try {
                    LoadedModel next = load(kind, pointer.version(), pointer.uri());
                    synchronized (this) {
                        candidates.put(kind, next);
                        candidateRefusals.remove(kind);
                    }
                    metrics.candidateVersion(kind, next.version());
                    LOG.info("{} candidate: v{} scores in the shadow of the active model from the next micro-batch on"
                            + " (shadow since {} because: {})", kind, next.version(), pointer.since(), pointer.reason());
                } catch (Exception e) { // Spark's readers throw IOExceptions without declaring them
                    Refusal refusal = new Refusal(pointer.version(), pointer.uri(), clock.instant(), message(e));
                    synchronized (this) {
                        candidates.remove(kind);
                        candidateRefusals.put(kind, refusal);
                    }
                    metrics.candidateVersion(kind, 0);
                    metrics.shadowFailed(kind);
                    LOG.error("refusing the {} CANDIDATE pointer to v{} ({}): {} - no shadow scoring", kind,
                            pointer.version(), pointer.uri(), refusal.why());
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private void poll(EventKind kind) {
        ActivePointer pointer;
        try {
            pointer = store.active(kind).orElse(null);
        } catch (IOException e) {
            if (e.getCause() instanceof JsonProcessingException) {
                refuse(kind, new Refusal(-1, "unreadable", clock.instant(), e.getMessage()), false);
            } else {
                LOG.warn("cannot read the {} ACTIVE pointer (keeping {}): {}", kind, describe(current(kind)), e.getMessage());
            }
            return;
        }
        LoadedModel now = current(kind).orElse(null);
        Refusal refused;
        synchronized (this) {
            refused = refusals.get(kind);
        }
        switch (policy.decide(now, pointer, refused, clock.instant())) {
            case KEEP, WAIT -> {
            }
            case LOAD -> {
                try {
                    LoadedModel next = load(kind, pointer.version(), pointer.uri());
                    synchronized (this) {
                        current.put(kind, next);
                        refusals.remove(kind);
                    }
                    metrics.modelVersion(kind, next.version());
                    if (now != null) {
                        metrics.modelSwitched(kind);
                    }
                    LOG.info("{} model: now v{} (was {}; promoted {} because: {}) - from the next micro-batch on",
                            kind, next.version(), describe(Optional.ofNullable(now)), pointer.promotedAt(), pointer.reason());
                } catch (Exception e) { // Spark's readers throw IOExceptions without declaring them
                    refuse(kind, new Refusal(pointer.version(), pointer.uri(), clock.instant(), message(e)), true);
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private void refuse(EventKind kind, Refusal refusal, boolean namedVersion) {
        synchronized (this) {
            refusals.put(kind, refusal);
        }
        metrics.modelRefused(kind);
        LOG.error("refusing the {} ACTIVE pointer{}: {} - still scoring with {}", kind,
                namedVersion ? " to v" + refusal.version() + " (" + refusal.uri() + ")" : "", refusal.why(),
                describe(current(kind)));
    }

    /** The model scoring {@code kind} now. */
    public synchronized Optional<LoadedModel> current(EventKind kind) {
        return Optional.ofNullable(current.get(kind));
    }

    /** The candidate scored in the shadow of {@code kind}'s current model, if any. */
    public synchronized Optional<LoadedModel> candidate(EventKind kind) {
        return Optional.ofNullable(candidates.get(kind));
    }

    /** The last refusal for {@code kind}, if the current pointer was refused. */
    public synchronized Optional<Refusal> refusal(EventKind kind) {
        return Optional.ofNullable(refusals.get(kind));
    }

    /**
     * Version {@code n} of {@code kind}, loading it when needed: a replayed batch is scored with
     * the version that scored it the first time, even if another one is current now.
     */
    public LoadedModel version(EventKind kind, int n) {
        LoadedModel now = current(kind).orElse(null);
        if (now != null && now.version() == n) {
            return now;
        }
        LoadedModel shadow = candidate(kind).orElse(null);
        if (shadow != null && shadow.version() == n) {
            return shadow;
        }
        StoredVersion stored;
        try {
            stored = store.version(kind, n).orElseThrow(() -> new IllegalStateException("no " + kind + " model v" + n));
        } catch (IOException e) {
            throw new IllegalStateException("cannot look up " + kind + " model v" + n + ": " + e.getMessage(), e);
        }
        return load(kind, n, stored.modelUri());
    }

    private LoadedModel load(EventKind kind, int version, String uri) {
        String key = kind + "/" + version + "/" + uri;
        synchronized (this) {
            LoadedModel cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        long started = System.nanoTime();
        PipelineModel model;
        try {
            model = PipelineModel.load(uri);
        } catch (Exception e) { // a missing path is an undeclared IOException from Scala
            throw new IllegalArgumentException("cannot load " + uri + ": " + message(e), e);
        }
        long loadedAt = System.nanoTime();
        LoadedModel loaded = validator.validate(kind, version, uri, model);
        // the two steps of a switch that take seconds, apart: where a slow switch spends its time
        LOG.info("{} v{}: loaded in {} ms, validated in {} ms", kind, version, (loadedAt - started) / 1_000_000,
                (System.nanoTime() - loadedAt) / 1_000_000);
        synchronized (this) {
            cache.put(key, loaded);
        }
        return loaded;
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
        loaders.shutdownNow();
    }

    private static String describe(Optional<LoadedModel> model) {
        return model.map(m -> "v" + m.version()).orElse("no model (events persisted unscored)");
    }

    private static String describeCandidate(Optional<LoadedModel> model) {
        return model.map(m -> "candidate v" + m.version()).orElse("no candidate");
    }

    private static String message(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

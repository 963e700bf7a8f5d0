package dev.stophack.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.ActivePointer;
import dev.stophack.api.models.CandidatePointer;
import dev.stophack.api.models.RolloutDecision;
import dev.stophack.api.models.ShadowStats;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.storage.BlobStore;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The model registry: the one place that reads and writes the model layout of DESIGN.md
 * ({@code <kind>/v<N>/model/}, {@code metrics.json}, {@code roc.png}, {@code report.md} and the
 * {@code <kind>/ACTIVE} pointer) under a model root, on S3 or a local directory. Training, the
 * streaming job, {@code stophack models} and the rollout controller all go through it.
 */
public final class ModelStore {
    private static final int MAX_CLAIM_ATTEMPTS = 20;

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final BlobStore store;
    private final Clock clock;
    private final DecisionLog log;

    public ModelStore(BlobStore store) {
        this(store, Clock.systemUTC());
    }

    public ModelStore(BlobStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.log = new DecisionLog(store, clock, JSON);
    }

    /** Every version of {@code kind}, oldest first, complete or still being written. */
    public List<StoredVersion> versions(EventKind kind) throws IOException {
        List<StoredVersion> versions = new ArrayList<>();
        for (int n : versionNumbers(kind)) {
            versions.add(version(kind, n).orElseThrow());
        }
        return versions;
    }

    /** One version, if anything of it is stored. */
    public Optional<StoredVersion> version(EventKind kind, int n) throws IOException {
        String folder = S3Layout.versionFolder(kind, n);
        if (store.list(folder + "/").isEmpty()) {
            return Optional.empty();
        }
        var metrics = store.get(folder + "/" + S3Layout.METRICS).map(ModelStore::readTree).orElse(null);
        return Optional.of(new StoredVersion(kind, n, modelUri(kind, n), metrics));
    }

    /**
     * Reserves the next version number, one more than the highest present. Safe when two
     * trainings race: each writes a claim object and wins only if it then sees no other claim
     * for that number. When claims collide, every one of them removes its own and tries the same
     * number again after a random pause, so one of them gets it and the others move on to the
     * next; moving on at once would leave the number to nobody.
     */
    public int claimNextVersion(EventKind kind) throws IOException {
        String token = clock.instant().toString() + "-" + UUID.randomUUID();
        int candidate = versionNumbers(kind).stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
            String folder = S3Layout.versionFolder(kind, candidate);
            if (!store.list(folder + "/").isEmpty()) {
                candidate++; // taken by a finished or running training
                continue;
            }
            if (Claim.take(store, folder + "/", token, token.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                return candidate;
            }
            Claim.pause();
        }
        throw new IOException("could not reserve a " + kind + " model version after " + MAX_CLAIM_ATTEMPTS
                + " attempts: too many trainings at once?");
    }

    /** Where Spark writes and loads the PipelineModel of a version. */
    public String modelUri(EventKind kind, int n) {
        return store.uri(S3Layout.versionFolder(kind, n) + "/" + S3Layout.MODEL_DIR);
    }

    /** Stores a file of a version (metrics.json last: it marks the version complete). */
    public void putFile(EventKind kind, int n, String name, byte[] bytes) throws IOException {
        store.put(S3Layout.versionFolder(kind, n) + "/" + name, bytes);
    }

    public Optional<byte[]> getFile(EventKind kind, int n, String name) throws IOException {
        return store.get(S3Layout.versionFolder(kind, n) + "/" + name);
    }

    /** The active version's pointer, if one was ever written. */
    public Optional<ActivePointer> active(EventKind kind) throws IOException {
        Optional<byte[]> bytes = store.get(S3Layout.activeFile(kind));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(bytes.get(), ActivePointer.class));
        } catch (IOException e) {
            throw new IOException(store.uri(S3Layout.activeFile(kind)) + " is not a valid pointer: " + e.getMessage(), e);
        }
    }

    /** The version in its shadow period, if any. */
    public Optional<CandidatePointer> candidate(EventKind kind) throws IOException {
        Optional<byte[]> bytes = store.get(S3Layout.candidateFile(kind));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(bytes.get(), CandidatePointer.class));
        } catch (IOException e) {
            throw new IOException(store.uri(S3Layout.candidateFile(kind)) + " is not a valid pointer: " + e.getMessage(), e);
        }
    }

    /**
     * Where {@code kind}'s pointers stand and at which decision: what a rollout decides on. Read
     * from the decision log; before the first decision, from the {@code ACTIVE} file alone.
     */
    public RolloutState rolloutState(EventKind kind) throws IOException {
        long generation = log.latestGeneration(kind);
        if (generation == 0) {
            return new RolloutState(0, active(kind), Optional.empty());
        }
        RolloutDecision newest = log.read(kind, generation).orElseThrow();
        return new RolloutState(generation, Optional.ofNullable(newest.active()), Optional.ofNullable(newest.candidate()));
    }

    /** Every rollout decision of {@code kind}, oldest first. */
    public List<HistoryEntry> history(EventKind kind) throws IOException {
        return log.entries(kind);
    }

    /**
     * Rewrites {@code ACTIVE}, {@code CANDIDATE} and {@code HISTORY.jsonl} when they do not show
     * the newest decision (a writer died between writing the decision and its views); true when
     * something was rewritten.
     */
    public boolean repairViews(EventKind kind) throws IOException {
        if (log.viewsCurrent(kind, active(kind), candidate(kind))) {
            return false;
        }
        log.refreshViews(kind);
        return true;
    }

    /**
     * Makes version {@code n} active, if no decision was written since {@code state} was read.
     * Clears the candidate when it is {@code n}. {@code entry} gives the action
     * ({@code Promoted} or {@code RolledBack}), reason, evidence and author; the store fills in
     * the decision's number, time, and the versions before and after.
     *
     * @throws StaleDecisionException when another decision was written since {@code state}
     */
    public RolloutDecision promote(EventKind kind, RolloutState state, int n, HistoryEntry entry) throws IOException {
        ActivePointer pointer = new ActivePointer(n, usable(kind, n).modelUri(), clock.instant(), entry.reason);
        CandidatePointer candidate = state.candidate().filter(c -> c.version() != n).orElse(null);
        return append(kind, state, entry, n, pointer, candidate);
    }

    /** Puts version {@code n} in shadow of the active one, conditional on {@code state} as {@link #promote}. */
    public RolloutDecision startShadow(EventKind kind, RolloutState state, int n, HistoryEntry entry) throws IOException {
        CandidatePointer candidate = new CandidatePointer(n, usable(kind, n).modelUri(), clock.instant(), entry.reason);
        return append(kind, state, entry, n, state.active().orElse(null), candidate);
    }

    /**
     * Records that version {@code n} was refused; the active version stays, and the candidate is
     * cleared when it is {@code n}. Conditional on {@code state} as {@link #promote}.
     */
    public RolloutDecision reject(EventKind kind, RolloutState state, int n, HistoryEntry entry) throws IOException {
        CandidatePointer candidate = state.candidate().filter(c -> c.version() != n).orElse(null);
        return append(kind, state, entry, n, state.active().orElse(null), candidate);
    }

    /**
     * Points {@code ACTIVE} at version {@code n} at once, as a person's command or the demo's
     * seeding does: a decision on the state read now, written only if no other writer got in
     * between. Refuses a version that is missing, incomplete or has no saved model; does not
     * load the model (callers with Spark check that too).
     */
    public ActivePointer activate(EventKind kind, int n, String reason) throws IOException {
        RolloutState state = rolloutState(kind);
        HistoryEntry entry = new HistoryEntry(null, kind.id(), HistoryEntry.Action.Promoted, n, null, null, reason,
                null, "stophack models activate");
        return promote(kind, state, n, entry).active();
    }

    private RolloutDecision append(EventKind kind, RolloutState state, HistoryEntry entry, int n, ActivePointer active,
            CandidatePointer candidate) throws IOException {
        entry.model = kind.id();
        entry.version = n;
        entry.at = clock.instant().toString();
        entry.from = state.activeVersion().orElse(null);
        entry.to = active == null ? null : active.version();
        return log.append(kind, state.generation(), new RolloutDecision(entry, active, candidate));
    }

    /** Whether version {@code n}'s Spark model is saved (its metadata is written first). */
    public boolean saved(EventKind kind, int n) throws IOException {
        return !store.list(S3Layout.modelMetadata(kind, n)).isEmpty();
    }

    /**
     * Records what one streaming batch saw while version {@code n} scored in the shadow of the
     * active one: one object per batch, so that a replayed batch replaces its own line.
     */
    public void putShadowStats(EventKind kind, int n, ShadowStats stats) throws IOException {
        store.put(S3Layout.shadowFolder(kind, n) + "batch-" + stats.batchId() + ".json", JSON.writeValueAsBytes(stats));
    }

    /** Every batch's shadow line of version {@code n}, by batch; unreadable lines are skipped. */
    public List<ShadowStats> shadowStats(EventKind kind, int n) throws IOException {
        List<ShadowStats> lines = new ArrayList<>();
        for (String key : store.list(S3Layout.shadowFolder(kind, n))) {
            Optional<byte[]> bytes = store.get(key);
            if (bytes.isPresent()) {
                try {
                    lines.add(JSON.readValue(bytes.get(), ShadowStats.class));
                } catch (IOException e) {
                    // a line being written, or not ours: the next read sees it whole
                }
            }
        }
        lines.sort(java.util.Comparator.comparingLong(ShadowStats::batchId));
        return lines;
    }

    /** A version that can be pointed at: present, complete, with a saved model. */
    private StoredVersion usable(EventKind kind, int n) throws IOException {
        StoredVersion version = version(kind, n)
                .orElseThrow(() -> new IllegalArgumentException("there is no " + kind + " model v" + n));
        if (!version.complete()) {
            throw new IllegalArgumentException(kind + " model v" + n + " is incomplete (no " + S3Layout.METRICS + ")");
        }
        if (!saved(kind, n)) {
            throw new IllegalArgumentException(kind + " model v" + n + " has no saved PipelineModel");
        }
        return version;
    }

    private List<Integer> versionNumbers(EventKind kind) throws IOException {
        TreeSet<Integer> numbers = new TreeSet<>();
        for (String key : store.list(S3Layout.versionPrefix(kind))) {
            S3Layout.versionOf(kind, key).ifPresent(numbers::add);
        }
        return new ArrayList<>(numbers);
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return JSON.createObjectNode().put("error", "unreadable metrics.json: " + e.getMessage());
        }
    }
}

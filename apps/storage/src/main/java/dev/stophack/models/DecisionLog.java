package dev.stophack.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.ActivePointer;
import dev.stophack.api.models.CandidatePointer;
import dev.stophack.api.models.RolloutDecision;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.storage.BlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A kind's rollout decisions as a numbered log in the model store, and the views of it that
 * everyone else reads: {@code ACTIVE}, {@code CANDIDATE} and {@code HISTORY.jsonl}.
 *
 * <p>Writing decision N is conditional on N-1 being the newest: the writer takes number N with
 * a {@link Claim} (claim-and-relist), so of two writers that read the same state and decided,
 * exactly one writes; the other gets a {@link StaleDecisionException}. This does not depend on
 * timing and needs no conditional PUT, which the AWS SDK in use and S3Proxy do not offer.
 *
 * <p>Crash recovery is the one place where time counts: a writer that won number N and died
 * before writing {@code g<N>.json} leaves its lone claim, which holds its whole decision. After
 * {@link #ABANDONED} the next writer writes that decision for it (it was made on N-1, which is
 * still the newest) instead of waiting for ever. A live writer goes from winning to writing in
 * two requests, far below that.
 */
final class DecisionLog {
    static final Duration ABANDONED = Duration.ofMinutes(2);
    private static final int MAX_ATTEMPTS = 20;

    private final BlobStore store;
    private final Clock clock;
    private final ObjectMapper json;

    DecisionLog(BlobStore store, Clock clock, ObjectMapper json) {
        this.store = store;
        this.clock = clock;
        this.json = json;
    }

    /** The newest decision's number, 0 when none was ever written. */
    long latestGeneration(EventKind kind) throws IOException {
        long latest = 0;
        for (String key : store.list(S3Layout.decisionsFolder(kind))) {
            OptionalLong g = S3Layout.generationOf(kind, key);
            if (g.isPresent() && g.getAsLong() > latest) {
                latest = g.getAsLong();
            }
        }
        return latest;
    }

    Optional<RolloutDecision> read(EventKind kind, long generation) throws IOException {
        Optional<byte[]> bytes = store.get(S3Layout.decision(kind, generation));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse(bytes.get(), S3Layout.decision(kind, generation)));
    }

    /**
     * Writes {@code decision} as number {@code expected + 1}; the entry's generation is set here.
     *
     * @throws StaleDecisionException when the log moved past {@code expected}
     */
    RolloutDecision append(EventKind kind, long expected, RolloutDecision decision) throws IOException {
        long n = expected + 1;
        decision.entry().generation = n;
        byte[] body = json.writeValueAsBytes(decision);
        String token = clock.instant().toEpochMilli() + "-" + UUID.randomUUID();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long latest = latestGeneration(kind);
            if (latest != expected) {
                throw new StaleDecisionException(kind, expected, latest);
            }
            String claims = S3Layout.decisionClaims(kind, n);
            if (Claim.take(store, claims, token, body)) {
                FaultPause.CLAIMED.here(kind.id(), n);
                store.put(S3Layout.decision(kind, n), body);
                FaultPause.WRITTEN.here(kind.id(), n);
                refreshViews(kind);
                return decision;
            }
            finishAbandoned(kind, n);
            Claim.pause();
        }
        Optional<Instant> held = loneClaim(kind, n);
        if (held.isPresent()) {
            // a writer won number n and never wrote it: say so, not "too many writers"
            throw new IOException("decision " + n + " of " + kind + " was claimed at " + held.get() + " by a writer that has"
                    + " not written it (killed?); the next writer finishes it once the claim is older than "
                    + ABANDONED.toMinutes() + " min, at " + held.get().plus(ABANDONED));
        }
        throw new IOException("could not write a " + kind + " rollout decision after " + MAX_ATTEMPTS
                + " attempts: too many writers at once?");
    }

    /** When the claim of number {@code n} is one alone and its decision is not written: when it was made. */
    private Optional<Instant> loneClaim(EventKind kind, long n) throws IOException {
        List<String> claims = store.list(S3Layout.decisionClaims(kind, n));
        if (claims.size() != 1 || store.get(S3Layout.decision(kind, n)).isPresent()) {
            return Optional.empty();
        }
        return claimedAt(claims.get(0));
    }

    /** The time in a claim's key ({@code _claim-<epoch ms>-<uuid>}); empty for a claim not of this log's making. */
    private static Optional<Instant> claimedAt(String key) {
        String token = key.substring(key.lastIndexOf('/') + 1 + S3Layout.CLAIM_PREFIX.length());
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(token.substring(0, token.indexOf('-')))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * When the only claim for number {@code n} is older than {@link #ABANDONED} and its decision
     * was never written, writes it: its writer won and died in between.
     */
    private void finishAbandoned(EventKind kind, long n) throws IOException {
        List<String> claims = store.list(S3Layout.decisionClaims(kind, n));
        if (claims.size() != 1 || store.get(S3Layout.decision(kind, n)).isPresent()) {
            return;
        }
        String key = claims.get(0);
        Optional<Instant> claimedAt = claimedAt(key);
        if (claimedAt.isEmpty()) {
            return; // not a claim of this log's making: leave it to a person
        }
        if (claimedAt.get().plus(ABANDONED).isAfter(clock.instant())) {
            return;
        }
        Optional<byte[]> body = store.get(key);
        if (body.isPresent()) {
            parse(body.get(), key);
            store.put(S3Layout.decision(kind, n), body.get());
            refreshViews(kind);
        }
    }

    /**
     * Rewrites {@code ACTIVE}, {@code CANDIDATE} and {@code HISTORY.jsonl} from the log, until the
     * log did not move while they were written: a writer that finishes after a newer decision
     * landed does not leave its older view behind.
     */
    void refreshViews(EventKind kind) throws IOException {
        for (int round = 0; round < MAX_ATTEMPTS; round++) {
            long latest = latestGeneration(kind);
            if (latest == 0) {
                return;
            }
            RolloutDecision newest = read(kind, latest).orElseThrow();
            writeOrDelete(S3Layout.activeFile(kind), newest.active());
            writeOrDelete(S3Layout.candidateFile(kind), newest.candidate());
            writeHistory(kind, latest);
            if (latestGeneration(kind) == latest) {
                return;
            }
        }
    }

    /** Whether the views show the log's newest decision (false after a writer died between the two). */
    boolean viewsCurrent(EventKind kind, Optional<ActivePointer> active, Optional<CandidatePointer> candidate)
            throws IOException {
        long latest = latestGeneration(kind);
        if (latest == 0) {
            return true;
        }
        RolloutDecision newest = read(kind, latest).orElseThrow();
        return Optional.ofNullable(newest.active()).equals(active) && Optional.ofNullable(newest.candidate()).equals(candidate);
    }

    /** Every decision's entry, oldest first, from the log (not the view). */
    List<HistoryEntry> entries(EventKind kind) throws IOException {
        List<HistoryEntry> entries = new ArrayList<>();
        long latest = latestGeneration(kind);
        for (long g = 1; g <= latest; g++) {
            read(kind, g).ifPresent(d -> entries.add(d.entry()));
        }
        return entries;
    }

    private void writeHistory(EventKind kind, long latest) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (HistoryEntry entry : entries(kind)) {
            if (entry.generation != null && entry.generation <= latest) {
                out.write(json.writeValueAsBytes(entry));
                out.write('\n');
            }
        }
        store.put(S3Layout.historyFile(kind), out.toByteArray());
    }

    private void writeOrDelete(String key, Object value) throws IOException {
        if (value == null) {
            store.delete(key);
        } else {
            byte[] bytes = json.writeValueAsBytes(value);
            Optional<byte[]> present = store.get(key);
            if (present.isEmpty() || !java.util.Arrays.equals(present.get(), bytes)) {
                store.put(key, bytes);
            }
        }
    }

    private RolloutDecision parse(byte[] bytes, String key) throws IOException {
        try {
            return json.readValue(bytes, RolloutDecision.class);
        } catch (IOException e) {
            throw new IOException(store.uri(key) + " is not a rollout decision: "
                    + new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8), e);
        }
    }
}

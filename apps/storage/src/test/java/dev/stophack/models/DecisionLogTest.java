package dev.stophack.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.ActivePointer;
import dev.stophack.api.models.RolloutDecision;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.storage.BlobStore;
import dev.stophack.storage.LocalBlobStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionLogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static HistoryEntry entry(HistoryEntry.Action action, String reason) {
        return new HistoryEntry(null, null, action, null, null, null, reason, Map.of("f1", 0.9), "test");
    }

    /** Versions 1..n of {@code kind}, complete, as training leaves them. */
    static ModelStore storeWithVersions(BlobStore blobs, Clock clock, EventKind kind, int n) throws Exception {
        ModelStore store = new ModelStore(blobs, clock);
        for (int v = 1; v <= n; v++) {
            ModelStoreTest.writeVersion(blobs, store, kind, v, 0.9);
        }
        return store;
    }

    @Test
    void decisionsMoveThePointersAndLeaveAHistory() throws Exception {
        LocalBlobStore blobs = new LocalBlobStore(dir);
        ModelStore store = storeWithVersions(blobs, CLOCK, EventKind.PROCESS, 3);
        RolloutState empty = store.rolloutState(EventKind.PROCESS);
        assertThat(empty.generation()).isZero();
        assertThat(empty.active()).isEmpty();

        store.promote(EventKind.PROCESS, empty, 1, entry(HistoryEntry.Action.Promoted, "first"));
        RolloutState one = store.rolloutState(EventKind.PROCESS);
        assertThat(one.generation()).isEqualTo(1);
        assertThat(one.activeVersion()).contains(1);
        assertThat(store.active(EventKind.PROCESS)).map(ActivePointer::version).contains(1);

        store.startShadow(EventKind.PROCESS, one, 2, entry(HistoryEntry.Action.ShadowStarted, "gate passed"));
        RolloutState shadow = store.rolloutState(EventKind.PROCESS);
        assertThat(shadow.candidateVersion()).contains(2);
        assertThat(shadow.activeVersion()).as("shadow changes no output").contains(1);
        assertThat(store.candidate(EventKind.PROCESS)).map(c -> c.uri()).contains(store.modelUri(EventKind.PROCESS, 2));

        store.promote(EventKind.PROCESS, shadow, 2, entry(HistoryEntry.Action.Promoted, "shadow agreed"));
        RolloutState two = store.rolloutState(EventKind.PROCESS);
        assertThat(two.activeVersion()).contains(2);
        assertThat(two.candidate()).as("the promoted candidate leaves the shadow").isEmpty();
        assertThat(store.candidate(EventKind.PROCESS)).isEmpty();

        store.reject(EventKind.PROCESS, two, 3, entry(HistoryEntry.Action.Rejected, "f1 0.5 below 0.8"));
        RolloutState rejected = store.rolloutState(EventKind.PROCESS);
        assertThat(rejected.activeVersion()).contains(2);

        store.promote(EventKind.PROCESS, rejected, 1, entry(HistoryEntry.Action.RolledBack, "rate 4x"));
        List<HistoryEntry> history = store.history(EventKind.PROCESS);
        assertThat(history).extracting(h -> h.generation).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(history).extracting(h -> h.action).containsExactly(HistoryEntry.Action.Promoted,
                HistoryEntry.Action.ShadowStarted, HistoryEntry.Action.Promoted, HistoryEntry.Action.Rejected,
                HistoryEntry.Action.RolledBack);
        HistoryEntry last = history.get(4);
        assertThat(last.from).isEqualTo(2);
        assertThat(last.to).isEqualTo(1);
        assertThat(last.version).isEqualTo(1);
        assertThat(last.at).isEqualTo("2026-11-30T10:00:00Z");
        assertThat(history.get(3).to).as("a rejection leaves the active version").isEqualTo(2);

        String lines = new String(blobs.get(S3Layout.historyFile(EventKind.PROCESS)).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(lines.split("\n")).hasSize(5);
        assertThat(lines.split("\n")[4]).contains("\"action\":\"RolledBack\"", "\"reason\":\"rate 4x\"", "\"f1\":0.9");
        assertThat(store.active(EventKind.PROCESS)).map(ActivePointer::version).contains(1);
    }

    @Test
    void aDecisionOnAStaleStateWritesNothing() throws Exception {
        ModelStore store = storeWithVersions(new LocalBlobStore(dir), CLOCK, EventKind.MEMORY, 2);
        RolloutState read = store.rolloutState(EventKind.MEMORY);
        store.promote(EventKind.MEMORY, read, 1, entry(HistoryEntry.Action.Promoted, "first writer"));
        assertThatThrownBy(() -> store.promote(EventKind.MEMORY, read, 2, entry(HistoryEntry.Action.Promoted, "second")))
                .isInstanceOf(StaleDecisionException.class).hasMessageContaining("decide again");
        assertThat(store.rolloutState(EventKind.MEMORY).activeVersion()).contains(1);
        assertThat(store.history(EventKind.MEMORY)).hasSize(1);
    }

    @Test
    void theUriIsDerivedAndOnlyUsableVersionsArePointedAt() throws Exception {
        LocalBlobStore blobs = new LocalBlobStore(dir);
        ModelStore store = storeWithVersions(blobs, CLOCK, EventKind.PROCESS, 1);
        RolloutState state = store.rolloutState(EventKind.PROCESS);
        assertThatThrownBy(() -> store.promote(EventKind.PROCESS, state, 9, entry(HistoryEntry.Action.Promoted, "x")))
                .hasMessageContaining("no process model v9");
        RolloutDecision d = store.promote(EventKind.PROCESS, state, 1, entry(HistoryEntry.Action.Promoted, "x"));
        assertThat(d.active().uri()).isEqualTo(store.modelUri(EventKind.PROCESS, 1));
        assertThat(store.history(EventKind.PROCESS)).hasSize(1);
    }

    /** Writers that read the same state race to decide: exactly one decision is written. */
    @Test
    void ofRacingWritersExactlyOneWins() throws Exception {
        ModelStore store = storeWithVersions(new LocalBlobStore(dir), Clock.systemUTC(), EventKind.PROCESS, 6);
        raceOnce(store, EventKind.PROCESS);
    }

    static void raceOnce(ModelStore store, EventKind kind) throws Exception {
        RolloutState read = store.rolloutState(kind);
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 1; i <= writers; i++) {
                int version = i;
                results.add(pool.submit((Callable<Integer>) () -> {
                    start.await();
                    try {
                        store.promote(kind, read, version, entry(HistoryEntry.Action.Promoted, "writer " + version));
                        return version;
                    } catch (StaleDecisionException e) {
                        return 0;
                    }
                }));
            }
            start.countDown();
            List<Integer> winners = new ArrayList<>();
            for (Future<Integer> f : results) {
                int v = f.get();
                if (v > 0) {
                    winners.add(v);
                }
            }
            assertThat(winners).hasSize(1);
            RolloutState after = store.rolloutState(kind);
            assertThat(after.generation()).isEqualTo(read.generation() + 1);
            assertThat(after.activeVersion()).contains(winners.get(0));
            assertThat(store.active(kind)).map(ActivePointer::version).contains(winners.get(0));
            assertThat(store.history(kind)).hasSize((int) after.generation());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWinnerThatDiedBeforeWritingIsFinishedForItAfterTheGrace() throws Exception {
        LocalBlobStore blobs = new LocalBlobStore(dir);
        ModelStore store = storeWithVersions(blobs, CLOCK, EventKind.PROCESS, 2);
        // the dead writer's lone claim for decision 1: it holds its whole decision
        ObjectMapper json = ModelStore.JSON;
        HistoryEntry dead = entry(HistoryEntry.Action.Promoted, "written by a writer that died");
        dead.generation = 1L;
        dead.model = "process";
        dead.version = 1;
        ActivePointer pointer = new ActivePointer(1, store.modelUri(EventKind.PROCESS, 1), CLOCK.instant(), dead.reason);
        byte[] body = json.writeValueAsBytes(new RolloutDecision(dead, pointer, null));
        long claimedAt = CLOCK.instant().toEpochMilli();
        blobs.put(S3Layout.decisionClaims(EventKind.PROCESS, 1) + S3Layout.CLAIM_PREFIX + claimedAt + "-dead", body);

        // within the grace the claim blocks, says so and when it ends, and nothing is finished for it
        RolloutState state = store.rolloutState(EventKind.PROCESS);
        assertThatThrownBy(() -> store.promote(EventKind.PROCESS, state, 2, entry(HistoryEntry.Action.Promoted, "new")))
                .hasMessage("decision 1 of process was claimed at " + CLOCK.instant() + " by a writer that has not written it"
                        + " (killed?); the next writer finishes it once the claim is older than 2 min, at "
                        + CLOCK.instant().plus(DecisionLog.ABANDONED));
        assertThat(store.rolloutState(EventKind.PROCESS).generation()).isZero();

        // after it, the next writer writes the dead one's decision and finds its own stale
        Clock later = Clock.offset(CLOCK, DecisionLog.ABANDONED.plus(Duration.ofSeconds(1)));
        ModelStore afterGrace = new ModelStore(blobs, later);
        assertThatThrownBy(() -> afterGrace.promote(EventKind.PROCESS, state, 2, entry(HistoryEntry.Action.Promoted, "new")))
                .isInstanceOf(StaleDecisionException.class);
        assertThat(afterGrace.rolloutState(EventKind.PROCESS).activeVersion()).contains(1);
        assertThat(afterGrace.history(EventKind.PROCESS)).extracting(h -> h.reason)
                .containsExactly("written by a writer that died");
        assertThat(afterGrace.active(EventKind.PROCESS)).map(ActivePointer::version).contains(1);
    }

    @Test
    void viewsLeftBehindByADeadWriterAreRepaired() throws Exception {
        LocalBlobStore blobs = new LocalBlobStore(dir);
        ModelStore store = storeWithVersions(blobs, CLOCK, EventKind.MEMORY, 2);
        store.promote(EventKind.MEMORY, store.rolloutState(EventKind.MEMORY), 1, entry(HistoryEntry.Action.Promoted, "one"));
        store.promote(EventKind.MEMORY, store.rolloutState(EventKind.MEMORY), 2, entry(HistoryEntry.Action.Promoted, "two"));
        // a writer died after writing decision 2 and before its views: ACTIVE still says 1
        byte[] stale = ModelStore.JSON.writeValueAsBytes(store.history(EventKind.MEMORY).isEmpty() ? null
                : new ActivePointer(1, store.modelUri(EventKind.MEMORY, 1), CLOCK.instant(), "one"));
        blobs.put(S3Layout.activeFile(EventKind.MEMORY), stale);
        assertThat(store.repairViews(EventKind.MEMORY)).isTrue();
        assertThat(store.active(EventKind.MEMORY)).map(ActivePointer::version).contains(2);
        assertThat(store.repairViews(EventKind.MEMORY)).as("nothing left to repair").isFalse();
    }

    @Test
    void aPointerWrittenBeforeTheLogIsTheStartingState() throws Exception {
        LocalBlobStore blobs = new LocalBlobStore(dir);
        ModelStore store = storeWithVersions(blobs, CLOCK, EventKind.PROCESS, 2);
        ActivePointer legacy = new ActivePointer(1, store.modelUri(EventKind.PROCESS, 1), CLOCK.instant(), "older stophack");
        blobs.put(S3Layout.activeFile(EventKind.PROCESS), ModelStore.JSON.writeValueAsBytes(legacy));
        RolloutState state = store.rolloutState(EventKind.PROCESS);
        assertThat(state.generation()).isZero();
        assertThat(state.active()).contains(legacy);
        store.promote(EventKind.PROCESS, state, 2, entry(HistoryEntry.Action.Promoted, "new"));
        assertThat(store.history(EventKind.PROCESS).get(0).from).isEqualTo(1);
    }
}

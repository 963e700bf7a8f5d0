package dev.stophack.faults.scenario;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.faults.census.RunnerSpark;
import dev.stophack.faults.census.Tally;
import dev.stophack.faults.parts.Child;
import dev.stophack.faults.parts.Pipeline;
import dev.stophack.faults.registry.RolloutHistory;
import dev.stophack.faults.registry.VersionWriter;
import dev.stophack.models.ModelStore;
import dev.stophack.storage.BlobStore;
import dev.stophack.storage.S3BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The laptop rollout loop ({@code stophack rollout watch}) killed with SIGKILL in the middle of a
 * promotion, then started again: the version is promoted exactly once and ACTIVE names it. The
 * kill lands where it hurts, every time: the loop is started with {@code STOPHACK_FAULT_PAUSE},
 * which stops it there, and killed once it says so. Two points, one new version each:
 * {@code claimed} (it won decision N and wrote nothing else: the next writer must finish the
 * abandoned decision for it, which the registry does once the claim is two minutes old) and
 * {@code written} (decision N is written, ACTIVE and HISTORY.jsonl still show N-1).
 */
public final class KillRollout implements Scenario {
    static final EventKind KIND = EventKind.PROCESS;
    /** The fault pause points, in the order they are tried (the storage module's FaultPause). */
    static final List<String> POINTS = List.of("claimed", "written");
    static final String PAUSED = "stophack: fault pause: ";
    /** The registry finishes an abandoned claim after two minutes (DecisionLog.ABANDONED): room for that and a start. */
    static final Duration RECOVERY = Duration.ofMinutes(5);
    private static final List<String> WATCH = List.of("watch", "--no-rates", "--interval", "1s");

    @Override
    public String name() {
        return "kill-rollout";
    }

    @Override
    public String description() {
        return "the rollout loop killed (SIGKILL) between its claim and the ACTIVE write, restarted: promoted once";
    }

    /** S3 and the rollout loop only: it spends its minutes waiting, so it runs beside the others. */
    @Override
    public boolean streams() {
        return false;
    }

    @Override
    public Outcome run(Context c) throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (Pipeline p = new Pipeline(c.launcher(), c.folder(), name()).startStore(c.baselineModels()); S3Client s3 = p.s3Client()) {
            BlobStore blobs = new S3BlobStore(s3, p.bucket(), S3Layout.MODELS);
            ModelStore store = new ModelStore(blobs);
            VersionWriter writer = new VersionWriter(RunnerSpark.session(), store, blobs, c.folder().resolve("models-made"));
            for (String point : POINTS) {
                int before = store.active(KIND).orElseThrow().version();
                int version = writer.copyOf(KIND, before);
                long decision = store.rolloutState(KIND).generation() + 1;

                Child loop = p.rollout("rollout-" + point, Map.of("STOPHACK_FAULT_PAUSE", point), WATCH);
                loop.awaitLines(PAUSED + KIND.id() + " decision " + decision + " " + point, 1, c.scale().deadline());
                loop.kill();
                int activeAtKill = store.active(KIND).orElseThrow().version();
                c.say(name(), "rollout watch killed (SIGKILL) with " + KIND.id() + " decision " + decision + " (promote v"
                        + version + ") " + point + "; ACTIVE at v" + activeAtKill);

                long started = System.nanoTime();
                Child again = p.rollout("rollout-" + point + "-again", Map.of(), WATCH);
                again.until(RECOVERY, "ACTIVE at v" + version, () -> activeIs(store, version));
                // a few more rounds of the loop, in which a second promotion would show
                Thread.sleep(5_000);
                again.stop(Duration.ofSeconds(10));
                long took = (System.nanoTime() - started) / 1_000_000_000;

                RolloutHistory history = RolloutHistory.parse(blobs.get(S3Layout.historyFile(KIND)).orElse(new byte[0]));
                long promoted = history.count(HistoryEntry.Action.Promoted, version);
                if (promoted != 1) {
                    failures.add(point + ": v" + version + " promoted " + promoted + " times in HISTORY.jsonl");
                }
                if (history.numberingFault() != null) {
                    failures.add(point + ": " + history.numberingFault());
                }
                Integer last = history.lastActive();
                int active = store.active(KIND).orElseThrow().version();
                if (active != version || last == null || last != version) {
                    failures.add(point + ": ACTIVE at v" + active + " and the last decision's at " + last + ", not v" + version);
                }
                long decisions = store.rolloutState(KIND).generation();
                if (decisions != history.entries().size()) {
                    failures.add(point + ": " + decisions + " decisions in the log, " + history.entries().size()
                            + " in HISTORY.jsonl");
                }
                notes.add(point + ": v" + version + " promoted " + promoted + " time(s), ACTIVE v" + active + ", "
                        + took + " s after the restart; the restarted loop's rounds that could not write: "
                        + again.lines("this round failed"));
            }
            RolloutHistory history = RolloutHistory.parse(blobs.get(S3Layout.historyFile(KIND)).orElse(new byte[0]));
            notes.add("HISTORY.jsonl: " + String.join("; ", history.describe()));
            return new Outcome(name(), POINTS.size() + " x kill -9 of rollout watch mid-promotion", Tally.NONE, failures,
                    notes);
        }
    }

    private static boolean activeIs(ModelStore store, int version) {
        try {
            return store.active(KIND).map(a -> a.version() == version).orElse(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.stophack.streaming.weblog.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.streaming.weblog.ratelimit.HostWindows;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detectors' state survives a restart whole, and a replayed batch starts from the batch before it. */
class DetectorStoreTest {
    static DetectorState state(long watermark) {
        DetectorState s = new DetectorState();
        s.watermark = watermark;
        HostWindows w = new HostWindows();
        w.setBucketStarts(new long[] {10_000, 20_000});
        w.setBucketCounts(new long[] {7, 3});
        w.setDecided(new long[] {0});
        s.hosts.put("203.0.113.9", w);
        DetectorState.OpenWindow open = new DetectorState.OpenWindow();
        open.end = 120_000;
        open.byStatus.put(404, 12L);
        open.byStatus.put(200, 30L);
        HostTally t = new HostTally();
        t.requests = 12;
        t.notFound = 11;
        t.paths = new TreeSet<>(List.of("/a", "/b"));
        open.hosts.put("198.51.100.7", t);
        open.hosts.put("192.0.2.1", new HostTally());
        s.windows.put(60_000L, open);
        s.baselines.put("404", List.of(new long[] {3, 100}, new long[] {4, 90}));
        return s;
    }

    @Test
    void aRestartReadsTheStateWholeAndAReplayStartsFromTheBatchBefore(@TempDir Path dir) {
        DetectorStore store = new DetectorStore(dir.toString(), new Configuration());
        assertThat(store.before(0).watermark).as("nothing stored: a fresh start").isZero();
        assertThat(store.before(0).hosts).isEmpty();
        store.after(0, state(1_000));
        store.after(1, state(2_000));

        DetectorStore restarted = new DetectorStore(dir.toString(), new Configuration());
        assertThat(restarted.before(1).watermark).as("batch 1 replayed: from batch 0's state").isEqualTo(1_000);
        DetectorState s = restarted.before(2);
        assertThat(s.watermark).isEqualTo(2_000);
        HostWindows w = s.hosts.get("203.0.113.9");
        assertThat(w.getBucketStarts()).containsExactly(10_000, 20_000);
        assertThat(w.getBucketCounts()).containsExactly(7, 3);
        assertThat(w.getDecided()).containsExactly(0);
        DetectorState.OpenWindow open = s.windows.get(60_000L);
        assertThat(open.end).isEqualTo(120_000);
        assertThat(open.byStatus).containsEntry(404, 12L).containsEntry(200, 30L);
        assertThat(open.hosts.get("198.51.100.7").paths).containsExactly("/a", "/b");
        assertThat(open.hosts.get("198.51.100.7").notFound).isEqualTo(11);
        assertThat(open.hosts.get("192.0.2.1").paths).isNull();
        assertThat(s.baselines.get("404")).extracting(Arrays::toString).containsExactly("[3, 100]", "[4, 90]");

        for (long batch = 2; batch < 6; batch++) {
            restarted.after(batch, restarted.before(batch));
        }
        assertThat(Arrays.stream(dir.resolve(DetectorStore.FOLDER).toFile().list()).filter(n -> !n.startsWith(".")))
                .as("only the latest are kept")
                .containsExactlyInAnyOrder("3.json", "4.json", "5.json");
    }
}

package dev.stophack.streaming.weblog.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A host's lines make the same per-window tallies whichever records they came in and whatever their order. */
class HostLinesTest {
    private static final long MINUTE = 60_000;

    @Test
    void tallies_each_window_from_the_times_and_the_404s() {
        HostLines a = new HostLines();
        a.add(MINUTE + 5);
        a.add(2 * MINUTE - 1); // the window's last millisecond
        a.add(2 * MINUTE); // the next window's first
        a.addNotFound(2 * MINUTE, "/a");
        a.add(2 * MINUTE + 1);
        a.addNotFound(2 * MINUTE + 1, null); // a 404 without a path counts, without a path
        HostLines b = new HostLines();
        b.add(2 * MINUTE + 7);
        b.addNotFound(2 * MINUTE + 7, "/a");
        b.add(MINUTE);
        Map<Long, HostTally> w = a.trimmed().merge(b.trimmed()).windows(MINUTE, 0);

        assertThat(w).containsOnlyKeys(MINUTE, 2 * MINUTE);
        assertThat(w.get(MINUTE).requests).isEqualTo(3);
        assertThat(w.get(MINUTE).notFound).isZero();
        assertThat(w.get(MINUTE).distinctPaths()).isZero();
        assertThat(w.get(2 * MINUTE).requests).isEqualTo(3);
        assertThat(w.get(2 * MINUTE).notFound).isEqualTo(3);
        assertThat(w.get(2 * MINUTE).paths).containsExactly("/a");
    }

    @Test
    void adds_the_open_tallies_and_leaves_out_windows_the_watermark_passed() {
        HostTally before = new HostTally();
        before.requests = 10;
        before.notFound = 2;
        before.paths = new TreeSet<>(java.util.List.of("/x", "/y"));
        HostLines state = HostLines.ofOpen(new TreeMap<>(Map.of(2 * MINUTE, before)));
        HostLines lines = new HostLines();
        lines.add(MINUTE + 1); // its window ends at 2 min, at the watermark: late
        lines.add(2 * MINUTE + 3);
        lines.addNotFound(2 * MINUTE + 3, "/z");
        Map<Long, HostTally> w = state.merge(lines.trimmed()).windows(MINUTE, 2 * MINUTE);

        assertThat(w).containsOnlyKeys(2 * MINUTE);
        assertThat(w.get(2 * MINUTE).requests).isEqualTo(11);
        assertThat(w.get(2 * MINUTE).notFound).isEqualTo(3);
        assertThat(w.get(2 * MINUTE).paths).containsExactly("/x", "/y", "/z");
        assertThat(before.requests).as("the stored tally is not changed").isEqualTo(10);
    }

    @Test
    void the_rate_limiter_gets_the_times_after_the_watermark_sorted() {
        HostLines lines = new HostLines();
        for (long t : new long[] {50, 10, 30, 20, 40}) {
            lines.add(t);
        }
        assertThat(lines.timesAfter(20)).containsExactly(30, 40, 50);
        assertThat(lines.timesAfter(0)).containsExactly(10, 20, 30, 40, 50);
        assertThat(lines.timesAfter(50)).isEmpty();
    }
}

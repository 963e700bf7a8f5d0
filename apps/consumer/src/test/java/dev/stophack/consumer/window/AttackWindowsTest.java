package dev.stophack.consumer.window;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttackWindowsTest {
    private static final long W = 120_000;
    private static final long T0 = 1_700_000_040_000L;

    private static AttackCount count(String machine, int window, long n) {
        return new AttackCount(machine, T0 + window * W, T0 + (window + 1) * W, n);
    }

    @Test
    void theLastUpdateOfAWindowWins() {
        AttackWindows windows = new AttackWindows(10 * 60_000);
        windows.put(count("4", 0, 1));
        windows.put(count("4", 0, 3));
        windows.put(count("5", 0, 2));
        windows.put(count("4", 0, 2)); // a lower value later still wins: the job corrected itself

        assertThat(windows.get("4", T0).count()).isEqualTo(2);
        assertThat(windows.get("5", T0).count()).isEqualTo(2);
    }

    @Test
    void seriesHasOnePointPerWindowAndZeroWhereAMachineHadNone() {
        AttackWindows windows = new AttackWindows(10 * 60_000);
        windows.put(count("4", 0, 3));
        windows.put(count("5", 1, 7));
        windows.put(count("4", 2, 1));

        Series s = windows.series();
        assertThat(s.x()).containsExactly(T0, T0 + W, T0 + 2 * W);
        assertThat(s.lines().get("4")).containsExactly(3L, 0L, 1L);
        assertThat(s.lines().get("5")).containsExactly(0L, 7L, 0L);
        assertThat(windows.latest().get("4").windowStartMillis()).isEqualTo(T0 + 2 * W);
        assertThat(windows.latest().get("5").windowStartMillis()).isEqualTo(T0 + W);
    }

    @Test
    void forgetsWindowsOlderThanTheHistory() {
        AttackWindows windows = new AttackWindows(4 * 60_000);
        for (int w = 0; w < 6; w++) {
            windows.put(count("6", w, w));
        }
        assertThat(windows.series().x()).containsExactly(T0 + 3 * W, T0 + 4 * W, T0 + 5 * W);

        windows.put(count("6", 2, 9)); // an update of a forgotten window
        assertThat(windows.tooOld()).isEqualTo(1);
        assertThat(windows.get("6", T0 + 2 * W)).isNull();
    }
}

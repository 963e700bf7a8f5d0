package dev.stophack.consumer.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ArrivalWindowTest {
    private static final long MINUTE = 60_000;
    private static final long T0 = 1_700_000_000_000L;
    private final ArrivalWindow window = new ArrivalWindow(2 * MINUTE, 10 * MINUTE);

    @Test
    void anArrivalCountsForExactlyTwoMinutesAfterItCame() {
        window.add("4", T0, 7);

        assertThat(window.count("4", T0 - 1)).as("before it arrived").isZero();
        assertThat(window.count("4", T0)).as("the moment it arrives").isEqualTo(7);
        assertThat(window.count("4", T0 + 2 * MINUTE - 1)).as("1 ms before the window passes it").isEqualTo(7);
        assertThat(window.count("4", T0 + 2 * MINUTE)).as("exactly 2 minutes later: (now-2m, now] excludes it").isZero();
    }

    @Test
    void slidesOverMemoryCyclesWithLateRowsCountingWhenTheyArrive() {
        // memory producer: every 10 s, 20-80 rows per machine; late rows of a cycle come with the next one
        long[] onTime = {30, 45, 60, 20, 80, 55, 41, 33, 70, 25, 64, 50, 38};
        long[] late = {0, 3, 5, 1, 0, 2, 4, 0, 5, 1, 3, 2, 0};
        long now = T0;
        for (int cycle = 0; cycle < onTime.length; cycle++) {
            now = T0 + cycle * 10_000L;
            window.add("5", now, onTime[cycle] + (cycle == 0 ? 0 : late[cycle - 1]));
        }
        // now = T0 + 120 s: cycle 0 (at T0) has just left the window; cycles 1..12 are in it
        long expected = 0;
        for (int cycle = 1; cycle < onTime.length; cycle++) {
            expected += onTime[cycle] + late[cycle - 1];
        }
        assertThat(now).isEqualTo(T0 + 2 * MINUTE);
        assertThat(window.count("5", now)).isEqualTo(expected);
        assertThat(window.count("5", now - 1)).as("1 ms earlier: cycle 0 still in, cycle 12 not yet arrived")
                .isEqualTo(expected + onTime[0] - onTime[12] - late[11]);
    }

    @Test
    void arrivalsOutOfOrderStillCountByTheirOwnTime() {
        window.add("6", T0 + 5_000, 2);
        window.add("6", T0, 3); // a replayed record with an earlier Kafka timestamp

        assertThat(window.count("6", T0 + 2 * MINUTE)).isEqualTo(2);
        assertThat(window.counts(T0 + 2 * MINUTE + 5_000)).containsExactly(Map.entry("6", 0L));
    }

    @Test
    void seriesSamplesTheSlidingCountOnAnAlignedGridEndingNow() {
        window.add("4", T0, 10);
        window.add("4", T0 + 30_000, 5);
        window.add("7", T0 + 60_000, 1);
        long now = T0 + 2 * MINUTE + 15_001;

        Series s = new ArrivalWindow(2 * MINUTE, MINUTE).series(now, 2_000); // empty window: only x
        assertThat(s.lines()).isEmpty();

        ArrivalWindow w = window;
        Series series = w.series(now, 2_000);
        assertThat(series.x()).hasSize(10 * 60 / 2 + 1);
        assertThat(series.x().get(series.x().size() - 1)).isEqualTo(now);
        assertThat(series.x().get(0)).isEqualTo(T0 - 8 * MINUTE + 16_000);
        assertThat(series.x()).isSorted();
        assertThat(series.lines().keySet()).containsExactly("4", "7");
        for (int i = 0; i < series.x().size(); i++) {
            long t = series.x().get(i);
            assertThat(series.lines().get("4").get(i)).as("machine 4 at %d", t).isEqualTo(w.count("4", t));
            assertThat(series.lines().get("7").get(i)).as("machine 7 at %d", t).isEqualTo(w.count("7", t));
        }
        assertThat(series.last("4")).isEqualTo(5); // T0 left at T0+2m, T0+30s leaves at T0+2m30s
    }

    @Test
    void evictionKeepsWhatTheHistoryStillNeeds() {
        window.add("8", T0, 1);
        window.add("8", T0 + MINUTE, 1);
        long now = T0 + 12 * MINUTE; // the history starts at T0+2m, whose window reaches back to T0

        window.evict(now);
        assertThat(window.series(now, 2_000).lines().get("8").get(0)).as("first sample still sees T0+1m").isEqualTo(1);

        window.evict(now + MINUTE + 1);
        assertThat(window.counts(now)).isEmpty();
    }
}

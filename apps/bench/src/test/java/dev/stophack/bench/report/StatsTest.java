package dev.stophack.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void anOddNumberOfRunsHasTheMiddleOneAsMedian() {
        Stats s = Stats.of(List.of(300.0, 100.0, 200.0));
        assertThat(s).isEqualTo(new Stats(200, 100, 300, 3));
        assertThat(s.spreadPercent()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void anEvenNumberOfRunsAveragesTheMiddleTwo() {
        assertThat(Stats.of(List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
    }

    @Test
    void oneRunHasNoSpreadAndNoRunsNoStats() {
        assertThat(Stats.of(List.of(7.0)).spreadPercent()).isZero();
        assertThat(Stats.of(List.of())).isNull();
        assertThat(Stats.of(null)).isNull();
    }
}

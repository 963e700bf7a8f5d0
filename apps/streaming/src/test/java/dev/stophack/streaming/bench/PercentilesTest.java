package dev.stophack.streaming.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void nearestRankOfAHundredValues() {
        List<Double> values = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            values.add((double) i);
        }
        Percentiles p = new Percentiles(values);
        assertThat(p.at(50)).isEqualTo(50.0);
        assertThat(p.at(99)).isEqualTo(99.0);
        assertThat(p.at(100)).isEqualTo(100.0);
        assertThat(p.max()).isEqualTo(100.0);
    }

    @Test
    void fewValuesGiveTheHighestForTheTail() {
        Percentiles p = new Percentiles(List.of(3.0, 1.0, 2.0));
        assertThat(p.at(50)).isEqualTo(2.0);
        assertThat(p.at(99)).isEqualTo(3.0);
        assertThat(p.at(1)).isEqualTo(1.0);
    }

    @Test
    void refusesNoValuesAndPercentilesOutOfRange() {
        assertThatThrownBy(() -> new Percentiles(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Percentiles(List.of(1.0)).at(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Percentiles(List.of(1.0)).at(101)).isInstanceOf(IllegalArgumentException.class);
    }
}

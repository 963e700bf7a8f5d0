package dev.stophack.producer.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BoundsTest {
    @Test
    void drawsEveryValueInTheInclusiveRangeAndNothingElse() {
        Bounds bounds = new Bounds(10, 50);
        SplittableRandom random = new SplittableRandom(3);
        TreeSet<Integer> seen = new TreeSet<>();
        for (int i = 0; i < 20_000; i++) {
            seen.add(bounds.draw(random));
        }
        assertThat(seen.first()).isEqualTo(10);
        assertThat(seen.last()).isEqualTo(50);
        assertThat(seen).hasSize(41);
    }

    @Test
    void parsesRangesAndSingleCounts() {
        assertThat(Bounds.parse("20..80")).isEqualTo(new Bounds(20, 80));
        assertThat(Bounds.parse(" 0 .. 5 ")).isEqualTo(new Bounds(0, 5));
        assertThat(Bounds.parse("7")).isEqualTo(new Bounds(7, 7));
        assertThat(new Bounds(4, 4).draw(new SplittableRandom(1))).isEqualTo(4);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> Bounds.parse("5..2")).hasMessageContaining("0 <= min <= max");
        assertThatThrownBy(() -> Bounds.parse("-1..2")).hasMessageContaining("0 <= min <= max");
        assertThatThrownBy(() -> Bounds.parse("ten")).hasMessageContaining("'ten' is not MIN..MAX");
    }
}

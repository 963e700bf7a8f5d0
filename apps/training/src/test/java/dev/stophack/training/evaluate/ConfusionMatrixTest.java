package dev.stophack.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    @Test
    void metricsMatchAHandComputedMatrix() {
        // 45 attacks (40 found), 55 normal rows (10 flagged)
        ConfusionMatrix m = new ConfusionMatrix(40, 10, 45, 5);
        assertThat(m.total()).isEqualTo(100);
        assertThat(m.accuracy()).isEqualTo(0.85);
        assertThat(m.precision()).isEqualTo(0.8);
        assertThat(m.recall()).isCloseTo(40.0 / 45, within(1e-12));
        // 2PR/(P+R) = 2*0.8*0.8889/1.6889 = 80/95
        assertThat(m.f1()).isCloseTo(80.0 / 95, within(1e-12));
        assertThat(m.f1()).isCloseTo(2 * m.precision() * m.recall() / (m.precision() + m.recall()), within(1e-12));
        assertThat(m.falsePositiveRate()).isCloseTo(10.0 / 55, within(1e-12));
    }

    @Test
    void undefinedRatiosAreNaNAndAModelThatFindsNothingHasF1Zero() {
        ConfusionMatrix nothingFlagged = new ConfusionMatrix(0, 0, 50, 10);
        assertThat(nothingFlagged.precision()).isNaN();
        assertThat(nothingFlagged.recall()).isZero();
        assertThat(nothingFlagged.f1()).isZero();
        ConfusionMatrix empty = new ConfusionMatrix(0, 0, 0, 0);
        assertThat(empty.accuracy()).isNaN();
        assertThat(empty.f1()).isNaN();
    }

    @Test
    void refusesNegativeCounts() {
        assertThatThrownBy(() -> new ConfusionMatrix(1, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

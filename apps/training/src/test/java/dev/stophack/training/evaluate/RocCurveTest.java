package dev.stophack.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RocCurveTest {

    @Test
    void aucOfDistinctScoresIsTheShareOfCorrectlyOrderedPairs() {
        // attacks score 0.9, 0.8, 0.4; normals 0.7, 0.3, 0.2, 0.1
        // pairs (attack above normal): 0.9 beats 4, 0.8 beats 4, 0.4 beats 3 -> 11 of 12
        RocCurve roc = RocCurve.fromScores(
                new double[] {0.9, 0.8, 0.7, 0.4, 0.3, 0.2, 0.1},
                new int[] {1, 1, 0, 1, 0, 0, 0});
        assertThat(roc.auc()).isCloseTo(11.0 / 12, within(1e-12));
        List<RocCurve.Point> points = roc.points();
        assertThat(points.get(0).falsePositiveRate()).isZero();
        assertThat(points.get(0).truePositiveRate()).isZero();
        assertThat(points.get(points.size() - 1).falsePositiveRate()).isEqualTo(1.0);
        assertThat(points.get(points.size() - 1).truePositiveRate()).isEqualTo(1.0);
        // after the threshold 0.8: two of three attacks, no normal row
        assertThat(points.get(2).truePositiveRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(points.get(2).falsePositiveRate()).isZero();
    }

    @Test
    void tiedScoresCountHalf() {
        // one attack and one normal row with the same score: a coin toss
        assertThat(RocCurve.fromScores(new double[] {0.5, 0.5}, new int[] {1, 0}).auc()).isEqualTo(0.5);
        // a perfect ranking, and a reversed one
        assertThat(RocCurve.fromScores(new double[] {1, 1, 0}, new int[] {1, 1, 0}).auc()).isEqualTo(1.0);
        assertThat(RocCurve.fromScores(new double[] {0, 1}, new int[] {1, 0}).auc()).isEqualTo(0.0);
    }

    @Test
    void oneClassOnlyHasNoAuc() {
        assertThat(RocCurve.fromScores(new double[] {0.2, 0.9}, new int[] {1, 1}).auc()).isNaN();
    }

    @Test
    void thinningKeepsBothEnds() {
        double[] scores = new double[1000];
        int[] labels = new int[1000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i / 1000.0;
            labels[i] = i % 3 == 0 ? 1 : 0;
        }
        List<RocCurve.Point> thin = RocCurve.fromScores(scores, labels).thinned(50);
        assertThat(thin).hasSize(50);
        assertThat(thin.get(0).truePositiveRate()).isZero();
        assertThat(thin.get(49).truePositiveRate()).isEqualTo(1.0);
    }
}

package dev.stophack.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateChoiceTest {

    private static Candidate candidate(Algorithm a, ConfusionMatrix m, double[] scores, int[] labels) {
        return new Candidate(a, Map.of(), m, RocCurve.fromScores(scores, labels), 1.0);
    }

    @Test
    void highestF1WinsThenHighestAuc() {
        double[] s = {0.9, 0.1, 0.8, 0.2};
        int[] good = {1, 0, 1, 0};
        int[] worse = {1, 0, 0, 1};
        Candidate dt = candidate(Algorithm.DT, new ConfusionMatrix(80, 20, 180, 20), s, good);
        Candidate gbt = candidate(Algorithm.GBT, new ConfusionMatrix(85, 15, 185, 15), s, worse);
        Candidate rf = candidate(Algorithm.RF, new ConfusionMatrix(85, 15, 185, 15), s, good);
        assertThat(CandidateChoice.best(List.of(dt, gbt, rf))).as("same F1 as gbt, better AUC").isSameAs(rf);
        assertThat(CandidateChoice.best(List.of(dt, gbt))).isSameAs(gbt);
    }

    @Test
    void anUndefinedF1NeverWins() {
        double[] s = {0.9, 0.1};
        int[] l = {1, 0};
        Candidate nothing = candidate(Algorithm.DT, new ConfusionMatrix(0, 0, 0, 0), s, l);
        Candidate weak = candidate(Algorithm.GBT, new ConfusionMatrix(1, 9, 10, 9), s, l);
        assertThat(CandidateChoice.best(List.of(nothing, weak))).isSameAs(weak);
    }
}

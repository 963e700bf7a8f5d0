package dev.stophack.training.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectionRuleTest {

    @Test
    void keepsWhatBeatsTheNoiseProbeAndDropsTheRest() {
        Map<String, Double> importances = new LinkedHashMap<>();
        importances.put("CPUNR", 0.01);
        importances.put("CPU", 0.40);
        importances.put("CMD", 0.35);
        importances.put("EXC", 0.001);
        importances.put("TRUN", 0.03);
        List<FeatureRanking> ranked = SelectionRule.rank(importances, 0.02);
        assertThat(ranked).extracting(FeatureRanking::column).containsExactly("CPU", "CMD", "TRUN", "CPUNR", "EXC");
        assertThat(ranked).filteredOn(FeatureRanking::kept).extracting(FeatureRanking::column)
                .containsExactly("CPU", "CMD", "TRUN");
        assertThat(ranked.get(3).reason()).contains("noise probe");
    }

    @Test
    void theFloorDropsTinyImportancesEvenAboveAWeakProbe() {
        List<FeatureRanking> ranked = SelectionRule.rank(Map.of("A", 0.9, "B", 0.003), 0.001);
        assertThat(ranked.get(1).kept()).isFalse();
        assertThat(ranked.get(1).reason()).contains("floor");
    }

    @Test
    void alwaysKeepsTheStrongestColumn() {
        List<FeatureRanking> ranked = SelectionRule.rank(Map.of("A", 0.001, "B", 0.0), 0.5);
        assertThat(ranked).filteredOn(FeatureRanking::kept).extracting(FeatureRanking::column).containsExactly("A");
    }
}

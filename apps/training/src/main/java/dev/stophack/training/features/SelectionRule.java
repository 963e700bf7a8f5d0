package dev.stophack.training.features;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which columns carry something: those whose importance in the selection fit beats a column of
 * pure random noise fitted alongside them (the probe), and a small absolute floor. A column at or
 * below the probe did no better than chance. At least the most important column is always kept.
 */
public final class SelectionRule {
    /** Below this share of the total importance a column is dropped even if it beats the probe. */
    public static final double FLOOR = 0.005;

    private SelectionRule() {
    }

    /** {@code importances}: column -> importance (probe excluded); {@code probe}: the noise column's. */
    public static List<FeatureRanking> rank(Map<String, Double> importances, double probe) {
        double bar = Math.max(probe, FLOOR);
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(new LinkedHashMap<>(importances).entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        List<FeatureRanking> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            String column = sorted.get(i).getKey();
            double importance = sorted.get(i).getValue();
            if (importance > bar) {
                out.add(new FeatureRanking(column, importance, true,
                        String.format(Locale.ROOT, "above the noise probe (%.4f)", probe)));
            } else if (i == 0) {
                out.add(new FeatureRanking(column, importance, true, "kept as the strongest column, though weak"));
            } else {
                out.add(new FeatureRanking(column, importance, false, importance <= probe
                        ? String.format(Locale.ROOT, "no better than the noise probe (%.4f)", probe)
                        : String.format(Locale.ROOT, "below the floor of %.3f", FLOOR)));
            }
        }
        return out;
    }
}

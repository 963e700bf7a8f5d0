package dev.stophack.bench.report;

import dev.stophack.api.bench.BenchFigure;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the table: a figure's medians, their ratio and whether the goal is met.
 *
 * @param benchmark the benchmark's name
 * @param figure    the figure as the benchmark wrote it
 * @param stophack  stophack's runs
 * @param reference the reference's runs; null when the figure stands alone
 * @param ratio     stophack's median over the reference's; null without a reference
 * @param ratioLow  the lowest ratio of a run to the reference's run of the same round (runs paired in order)
 * @param ratioHigh the highest such ratio
 * @param met       whether the goal is met; null when the figure has no goal
 */
public record FigureRow(String benchmark, BenchFigure figure, Stats stophack, Stats reference, Double ratio, Double ratioLow,
                        Double ratioHigh, Boolean met) {
    public static FigureRow of(String benchmark, BenchFigure figure) {
        Stats s = Stats.of(figure.stophackRuns());
        Stats r = Stats.of(figure.referenceRuns());
        Double ratio = s != null && r != null && r.median() != 0 ? s.median() / r.median() : null;
        Double low = null;
        Double high = null;
        List<Double> paired = paired(figure.stophackRuns(), figure.referenceRuns());
        if (paired.size() > 1) {
            low = paired.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            high = paired.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }
        Boolean met = null;
        if (figure.goal() != null && s != null) {
            boolean onRatio = dev.stophack.api.bench.BenchGoal.RATIO.equals(figure.goal().on());
            met = onRatio && ratio == null ? null : figure.goal().met(s.median(), ratio == null ? Double.NaN : ratio);
        }
        return new FigureRow(benchmark, figure, s, r, ratio, low, high, met);
    }

    /** Run by run ratios, when both sides made the same number of runs in turn. */
    private static List<Double> paired(List<Double> ours, List<Double> reference) {
        List<Double> ratios = new ArrayList<>();
        if (ours.size() == reference.size()) {
            for (int i = 0; i < ours.size(); i++) {
                if (reference.get(i) != 0) {
                    ratios.add(ours.get(i) / reference.get(i));
                }
            }
        }
        return ratios;
    }
}

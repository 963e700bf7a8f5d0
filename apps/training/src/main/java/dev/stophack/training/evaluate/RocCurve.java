package dev.stophack.training.evaluate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The ROC curve and its area, from the count of attack and normal rows at each distinct score.
 * Spark aggregates the counts; this class does the arithmetic, so it is tested by hand. Rows
 * with equal scores move the curve diagonally (the trapezoid rule), the usual treatment of ties.
 */
public final class RocCurve {
    /** One point: the rates when every row scoring at least {@code threshold} is called an attack. */
    public record Point(double threshold, double falsePositiveRate, double truePositiveRate) {
    }

    private final List<Point> points;
    private final double auc;

    private RocCurve(List<Point> points, double auc) {
        this.points = List.copyOf(points);
        this.auc = auc;
    }

    /** Counts per score: {@code score -> {attacks, normals}}. */
    public static RocCurve fromCounts(NavigableMap<Double, long[]> countsByScore) {
        long positives = 0;
        long negatives = 0;
        for (long[] c : countsByScore.values()) {
            positives += c[0];
            negatives += c[1];
        }
        List<Point> points = new ArrayList<>();
        points.add(new Point(Double.POSITIVE_INFINITY, 0, 0));
        if (positives == 0 || negatives == 0) {
            points.add(new Point(Double.NEGATIVE_INFINITY, 1, 1));
            return new RocCurve(points, Double.NaN); // undefined with one class only
        }
        long tp = 0;
        long fp = 0;
        double area = 0;
        double lastFpr = 0;
        double lastTpr = 0;
        for (var e : countsByScore.descendingMap().entrySet()) {
            tp += e.getValue()[0];
            fp += e.getValue()[1];
            double fpr = (double) fp / negatives;
            double tpr = (double) tp / positives;
            area += (fpr - lastFpr) * (tpr + lastTpr) / 2;
            points.add(new Point(e.getKey(), fpr, tpr));
            lastFpr = fpr;
            lastTpr = tpr;
        }
        return new RocCurve(points, area);
    }

    /** Convenience for tests and small data: one score and label (1 attack, 0 normal) per row. */
    public static RocCurve fromScores(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("one label per score");
        }
        TreeMap<Double, long[]> counts = new TreeMap<>();
        for (int i = 0; i < scores.length; i++) {
            long[] c = counts.computeIfAbsent(scores[i], s -> new long[2]);
            c[labels[i] == 1 ? 0 : 1]++;
        }
        return fromCounts(counts);
    }

    /** From (0,0) to (1,1), thresholds falling. */
    public List<Point> points() {
        return Collections.unmodifiableList(points);
    }

    /** Area under the curve; NaN when the rows hold one class only. */
    public double auc() {
        return auc;
    }

    /** At most {@code max} points, always keeping the first and last, for charts and metrics.json. */
    public List<Point> thinned(int max) {
        if (points.size() <= max) {
            return points();
        }
        List<Point> out = new ArrayList<>(max);
        double step = (points.size() - 1) / (double) (max - 1);
        for (int i = 0; i < max; i++) {
            out.add(points.get((int) Math.round(i * step)));
        }
        return out;
    }
}

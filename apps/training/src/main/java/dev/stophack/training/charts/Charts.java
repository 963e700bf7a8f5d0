package dev.stophack.training.charts;

import dev.stophack.charts.ChartStyle;
import dev.stophack.charts.Png;
import dev.stophack.training.data.Rebalancer.ClassCounts;
import dev.stophack.training.evaluate.RocCurve;
import dev.stophack.training.explore.Histogram;
import dev.stophack.training.features.FeatureRanking;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training report's charts as PNG bytes, drawn with JFreeChart on an off-screen image (no
 * display needed: the JVM runs headless), in the look all stophack charts share ({@link ChartStyle}).
 */
public final class Charts {
    public static final int ROC_SIZE = 640;
    public static final int WIDE = 760;
    public static final int PANEL_WIDTH = 380;
    public static final int PANEL_HEIGHT = 240;
    public static final int PANEL_COLUMNS = 3;

    private static final Color ATTACK = ChartStyle.ATTACK;
    private static final Color NORMAL = ChartStyle.NORMAL;
    private static final Color DROPPED = ChartStyle.DROPPED;

    private Charts() {
    }

    /** Attack and normal rows at each step (loaded, split, rebalanced). */
    public static byte[] classBalance(String title, Map<String, ClassCounts> steps) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        steps.forEach((step, counts) -> {
            data.addValue(counts.attacks(), "attack", step);
            data.addValue(counts.normals(), "normal", step);
        });
        JFreeChart chart = ChartFactory.createBarChart(title, null, "rows", data);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setSeriesPaint(0, ATTACK);
        bars.setSeriesPaint(1, NORMAL);
        ChartStyle.apply(chart);
        return Png.of(chart, WIDE, 420);
    }

    /** Importance per candidate column, grey when dropped, with the noise probe's level. */
    public static byte[] importances(String title, List<FeatureRanking> rankings, double probe) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (FeatureRanking r : rankings) {
            double v = Double.isNaN(r.importance()) ? 0 : r.importance();
            data.addValue(r.kept() ? v : 0, "kept", r.column());
            data.addValue(r.kept() ? 0 : v, "dropped", r.column());
        }
        data.addValue(probe, "noise probe", "(random noise)");
        data.addValue(0, "kept", "(random noise)");
        data.addValue(0, "dropped", "(random noise)");
        JFreeChart chart = ChartFactory.createStackedBarChart(title, null, "share of importance", data,
                PlotOrientation.HORIZONTAL, true, false, false);
        BarRenderer bars = (BarRenderer) chart.getCategoryPlot().getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setSeriesPaint(0, ATTACK);
        bars.setSeriesPaint(1, DROPPED);
        bars.setSeriesPaint(2, Color.DARK_GRAY);
        ChartStyle.apply(chart);
        return Png.of(chart, WIDE, 140 + 26 * (rankings.size() + 1));
    }

    /** One ROC curve per candidate, with the diagonal of a coin toss. */
    public static byte[] roc(String title, Map<String, RocCurve> curves) {
        XYSeriesCollection data = new XYSeriesCollection();
        curves.forEach((name, curve) -> {
            XYSeries s = new XYSeries(String.format(java.util.Locale.ROOT, "%s (AUC %.3f)", name, curve.auc()), false);
            for (RocCurve.Point p : curve.thinned(400)) {
                s.add(p.falsePositiveRate(), p.truePositiveRate());
            }
            data.addSeries(s);
        });
        XYSeries chance = new XYSeries("chance", false);
        chance.add(0, 0);
        chance.add(1, 1);
        data.addSeries(chance);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "false positive rate", "true positive rate", data);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            lines.setSeriesStroke(i, new BasicStroke(2f));
        }
        lines.setSeriesPaint(data.getSeriesCount() - 1, Color.GRAY);
        lines.setSeriesStroke(data.getSeriesCount() - 1, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 6f}, 0f));
        plot.setRenderer(lines);
        plot.getDomainAxis().setRange(0, 1);
        plot.getRangeAxis().setRange(0, 1.02);
        ChartStyle.apply(chart);
        return Png.of(chart, ROC_SIZE, ROC_SIZE);
    }

    /** Small multiples: each numeric column's distribution per class, as a share of the class's rows. */
    public static byte[] distributions(String title, List<Histogram> histograms) {
        int rows = Math.max(1, (histograms.size() + PANEL_COLUMNS - 1) / PANEL_COLUMNS);
        int width = PANEL_WIDTH * PANEL_COLUMNS;
        int header = 36;
        BufferedImage image = new BufferedImage(width, header + rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, 12, 24);
            for (int i = 0; i < histograms.size(); i++) {
                JFreeChart panel = histogramPanel(histograms.get(i));
                int x = (i % PANEL_COLUMNS) * PANEL_WIDTH;
                int y = header + (i / PANEL_COLUMNS) * PANEL_HEIGHT;
                panel.draw(g, new Rectangle2D.Double(x, y, PANEL_WIDTH, PANEL_HEIGHT));
            }
        } finally {
            g.dispose();
        }
        return Png.encode(image);
    }

    private static JFreeChart histogramPanel(Histogram h) {
        long attackTotal = sum(h.attacks());
        long normalTotal = sum(h.normals());
        XYSeries attacks = new XYSeries("attack");
        XYSeries normals = new XYSeries("normal");
        for (int b = 0; b < h.bins(); b++) {
            double x = h.low() + b * h.width();
            attacks.add(x, attackTotal == 0 ? 0 : (double) h.attacks()[b] / attackTotal);
            normals.add(x, normalTotal == 0 ? 0 : (double) h.normals()[b] / normalTotal);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(attacks);
        data.addSeries(normals);
        JFreeChart chart = ChartFactory.createXYLineChart(h.column(), "sign(x)·log10(1+|x|)", "share of class", data);
        XYStepRenderer steps = new XYStepRenderer();
        steps.setSeriesPaint(0, ATTACK);
        steps.setSeriesPaint(1, NORMAL);
        steps.setSeriesStroke(0, new BasicStroke(1.6f));
        steps.setSeriesStroke(1, new BasicStroke(1.6f));
        chart.getXYPlot().setRenderer(steps);
        ChartStyle.apply(chart);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        return chart;
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}

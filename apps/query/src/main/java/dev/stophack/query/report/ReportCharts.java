package dev.stophack.query.report;

import dev.stophack.charts.ChartStyle;
import dev.stophack.charts.Png;
import dev.stophack.query.report.ReportData.BucketCount;
import dev.stophack.query.report.ReportData.Decision;
import dev.stophack.query.report.ReportData.MachineCount;
import dev.stophack.query.report.ReportData.ReasonCount;
import dev.stophack.query.report.ReportData.VersionAt;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.SimpleTimePeriod;
import org.jfree.data.time.TimeTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's charts as PNG bytes, in the shared stophack look. Counts are whole numbers, so
 * they are bars (stacked per machine over time) or steps, never smoothed lines; an empty table
 * gives a chart that says {@value ChartStyle#NO_DATA}.
 */
public final class ReportCharts {
    public static final int WIDTH = 960;
    public static final int HEIGHT = 440;
    /** Machines drawn as their own series; the rest are summed as "other machines". */
    static final int TOP_MACHINES = 8;
    /** Machines drawn in the events-per-machine chart. */
    static final int MAX_MACHINE_BARS = 30;
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    private static final int LABELLED_DECISIONS = 8;
    private static final String OTHERS = "other machines";

    private ReportCharts() {
    }

    /** Potential attacks per time bucket, stacked by machine. */
    public static byte[] potentialAttacks(List<BucketCount> counts, List<Integer> machines, Duration bucket) {
        return Png.of(stackedOverTime("Potential attacks per machine",
                "distinct CMD_PIDs predicted as attack, summed over 2-minute windows, per " + TimeBuckets.describe(bucket),
                "potential attacks", counts, machines, bucket), WIDTH, HEIGHT);
    }

    /** Detected attacks per time bucket, stacked by machine. */
    public static byte[] detectedAttacks(List<BucketCount> counts, List<Integer> machines, Duration bucket) {
        return Png.of(stackedOverTime("Detected attacks over time",
                "process and memory attacks of one CMD_PID less than 30 s apart, per " + TimeBuckets.describe(bucket)
                        + " of the process event's time", "detected attacks", counts, machines, bucket), WIDTH, HEIGHT);
    }

    /** Events per machine, process and memory side by side. */
    public static byte[] eventsPerMachine(List<MachineCount> counts) {
        Map<Integer, Long> totals = new TreeMap<>();
        counts.forEach(c -> totals.merge(c.machine(), c.count(), Long::sum));
        List<Integer> shown = totals.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_MACHINE_BARS).map(Map.Entry::getKey).sorted().toList();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Integer machine : shown) {
            for (String kind : List.of("process", "memory")) {
                long n = counts.stream().filter(c -> c.machine() == machine && c.kind().equals(kind))
                        .mapToLong(MachineCount::count).sum();
                data.addValue(n, kind, String.valueOf(machine));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Events per machine", "machine", "events", data);
        if (totals.size() > shown.size()) {
            chart.addSubtitle(new TextTitle("the " + shown.size() + " busiest of " + totals.size() + " machines"));
        }
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, ChartStyle.series(0));
        bars.setSeriesPaint(1, ChartStyle.series(2));
        if (shown.size() > 15) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        integerTicks((NumberAxis) plot.getRangeAxis());
        ChartStyle.apply(chart);
        return Png.of(chart, WIDTH, HEIGHT);
    }

    /** Dead letters per reason code, split by source topic. */
    public static byte[] deadLetters(List<ReasonCount> counts) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<String> topics = counts.stream().map(ReasonCount::topic).distinct().sorted().toList();
        for (ReasonCount c : counts) {
            for (String topic : topics) {
                if (data.getColumnIndex(c.code()) < 0 || data.getRowIndex(topic) < 0) {
                    data.addValue(0, topic, c.code());
                }
            }
            data.addValue(c.count(), c.topic(), c.code());
        }
        JFreeChart chart = ChartFactory.createStackedBarChart("Dead letters by reason", null, "dead letters", data,
                PlotOrientation.HORIZONTAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        for (int i = 0; i < topics.size(); i++) {
            bars.setSeriesPaint(i, ChartStyle.series(i));
        }
        integerTicks((NumberAxis) plot.getRangeAxis());
        ChartStyle.apply(chart);
        return Png.of(chart, WIDTH, HEIGHT);
    }

    /**
     * Per model, one panel over a shared time axis: the version that scored most of its events per
     * time bucket as steps (a gap where events went unscored), and its rollout decisions as
     * points, the latest ones labelled.
     */
    public static byte[] modelVersions(List<VersionAt> versions, List<Decision> decisions, Duration bucket) {
        List<String> models = new ArrayList<>();
        versions.forEach(v -> add(models, v.model()));
        decisions.forEach(d -> add(models, d.model()));
        String title = "Which model version scored when";
        if (models.isEmpty()) {
            JFreeChart empty = chart(title, new XYPlot(new XYSeriesCollection(), timeAxis(bucket),
                    new NumberAxis("model version"), new XYStepRenderer()));
            return Png.of(empty, WIDTH, HEIGHT);
        }
        CombinedDomainXYPlot panels = new CombinedDomainXYPlot(timeAxis(bucket));
        panels.setGap(14);
        List<XYPlot> plots = new ArrayList<>();
        List<Decision> labelled = decisions.stream().filter(d -> d.at() != null)
                .skip(Math.max(0, decisions.size() - LABELLED_DECISIONS)).toList();
        for (String model : models) {
            XYSeries steps = new XYSeries(model + " (version scoring)", true, false);
            versions.stream().filter(v -> v.model().equals(model))
                    .forEach(v -> steps.addOrUpdate(Long.valueOf(v.bucket() * 1000), v.version()));
            XYSeries points = new XYSeries(model + " (decisions)", true, true);
            decisions.stream().filter(d -> d.model().equals(model) && d.at() != null && d.version() != null)
                    .forEach(d -> points.add(d.at().toEpochMilli(), d.version()));
            NumberAxis versionAxis = new NumberAxis(model + " version");
            integerTicks(versionAxis);
            XYPlot plot = new XYPlot(new XYSeriesCollection(steps), null, versionAxis, new XYStepRenderer());
            plot.setDataset(1, new XYSeriesCollection(points));
            plot.setRenderer(1, new XYLineAndShapeRenderer(false, true));
            List<Decision> mine = labelled.stream().filter(d -> d.model().equals(model)).toList();
            for (int i = 0; i < mine.size(); i++) {
                plot.addDomainMarker(marker(mine.get(i), i));
            }
            panels.add(plot, 1);
            plots.add(plot);
        }
        JFreeChart chart = chart(title, panels);
        chart.addSubtitle(new TextTitle("per " + TimeBuckets.describe(bucket)
                + ": the version that scored most events; points: rollout decisions (model_history)"));
        // after the theme, which clears series paints and strokes and greys the panels
        for (int i = 0; i < plots.size(); i++) {
            plots.get(i).setBackgroundPaint(ChartStyle.PLOT_BACKGROUND);
            plots.get(i).getRenderer(0).setSeriesPaint(0, ChartStyle.series(i));
            plots.get(i).getRenderer(0).setSeriesStroke(0, new BasicStroke(2.5f));
            plots.get(i).getRenderer(1).setSeriesPaint(0, ChartStyle.series(i).darker());
            plots.get(i).getRenderer(1).setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
        }
        return Png.of(chart, WIDTH, HEIGHT);
    }

    /** A dashed line at a decision, its label a line lower than the one before so that close ones stay readable. */
    private static ValueMarker marker(Decision d, int index) {
        ValueMarker marker = new ValueMarker(d.at().toEpochMilli(), Color.GRAY, new BasicStroke(1f,
                BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        marker.setLabel("v" + d.version() + " " + d.action());
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        marker.setLabelOffset(new RectangleInsets(4 + 14 * (index % 3), 4, 4, 4));
        return marker;
    }

    private static JFreeChart stackedOverTime(String title, String subtitle, String unit, List<BucketCount> counts,
            List<Integer> machines, Duration bucket) {
        List<Integer> named = busiest(counts);
        Map<String, Map<Long, Long>> grouped = new LinkedHashMap<>();
        named.forEach(m -> grouped.put(machine(m), new TreeMap<>()));
        for (BucketCount c : counts) {
            String series = named.contains(c.machine()) ? machine(c.machine()) : OTHERS;
            grouped.computeIfAbsent(series, k -> new TreeMap<>()).merge(c.bucket() * 1000, c.count(), Long::sum);
        }
        TimeTableXYDataset data = new TimeTableXYDataset(UTC);
        long width = bucket.toMillis();
        grouped.forEach((series, byBucket) -> byBucket.forEach((start, n) ->
                data.add(new SimpleTimePeriod(start, start + width - 1), n, series, false)));
        StackedXYBarRenderer bars = new StackedXYBarRenderer(0.1);
        NumberAxis countAxis = new NumberAxis(unit);
        integerTicks(countAxis);
        XYPlot plot = new XYPlot(data, timeAxis(bucket), countAxis, bars);
        JFreeChart chart = chart(title, plot);
        chart.addSubtitle(new TextTitle(subtitle));
        // after the theme, which would paint gradients and shadows and clear the series paints
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            String series = String.valueOf(data.getSeriesKey(i));
            bars.setSeriesPaint(i, series.equals(OTHERS) ? ChartStyle.DROPPED
                    : ChartStyle.series(machines.indexOf(Integer.valueOf(series.substring("machine ".length())))));
        }
        return chart;
    }

    /** The machines with the largest totals, at most {@link #TOP_MACHINES}, in machine order. */
    private static List<Integer> busiest(List<BucketCount> counts) {
        Map<Integer, Long> totals = new TreeMap<>();
        counts.forEach(c -> totals.merge(c.machine(), c.count(), Long::sum));
        int keep = totals.size() <= TOP_MACHINES + 1 ? totals.size() : TOP_MACHINES;
        return totals.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(keep).map(Map.Entry::getKey).sorted().toList();
    }

    private static String machine(int id) {
        return "machine " + id;
    }

    private static JFreeChart chart(String title, Plot plot) {
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartFactory.getChartTheme().apply(chart);
        return ChartStyle.apply(chart);
    }

    private static DateAxis timeAxis(Duration bucket) {
        DateAxis axis = new DateAxis("time (UTC)");
        axis.setTimeZone(UTC);
        SimpleDateFormat format = new SimpleDateFormat(bucket.toHours() >= 24 ? "yyyy-MM-dd" : "MM-dd HH:mm");
        format.setTimeZone(UTC);
        axis.setDateFormatOverride(format);
        return axis;
    }

    private static void integerTicks(NumberAxis axis) {
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }

    private static void add(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}

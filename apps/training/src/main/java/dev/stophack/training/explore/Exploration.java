package dev.stophack.training.explore;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log10;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.signum;
import static org.apache.spark.sql.functions.stddev;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.abs;

import dev.stophack.events.EventKind;
import dev.stophack.training.data.LabelledEvents;
import dev.stophack.training.data.Rebalancer.ClassCounts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The exploration that goes into the report, computed with Spark aggregations over the labelled
 * rows (a handful of jobs, whatever the data size): class and attack-type counts, numeric and
 * categorical summaries, the most frequent commands, and per-class histograms.
 *
 * @param classes    rows per class
 * @param types      rows per attack type ({@code type} column), empty when the file has none
 * @param numeric    numeric column summaries
 * @param categories categorical column summaries, {@code CMD} included
 * @param histograms per-class distributions of the numeric columns
 */
public record Exploration(ClassCounts classes, Map<String, Long> types, List<ColumnSummary> numeric,
                          List<CategorySummary> categories, List<Histogram> histograms) {
    public static final int BINS = 40;
    public static final int TOP_VALUES = 10;

    private static Column isAttack() {
        return col(LabelledEvents.LABEL).equalTo(1.0);
    }

    /** {@code labelled}: normalised rows with a non-null label; the kind's columns decide the rest. */
    public static Exploration of(EventKind kind, Dataset<Row> labelled, ClassCounts classes, boolean hasType) {
        Map<String, Long> types = new LinkedHashMap<>();
        if (hasType) {
            for (Row r : labelled.groupBy(EventKind.TYPE).count().orderBy(desc("count")).collectAsList()) {
                types.put(r.isNullAt(0) ? "(none)" : r.getString(0), r.getLong(1));
            }
        }
        List<ColumnSummary> numeric = numericSummaries(kind.numericColumns(), labelled);
        List<CategorySummary> categories = categorySummaries(categoricalColumns(kind), labelled);
        List<Histogram> histograms = histograms(numeric, labelled);
        return new Exploration(classes, types, numeric, categories, histograms);
    }

    /** The kind's categorical codes plus the command name. */
    public static List<String> categoricalColumns(EventKind kind) {
        List<String> columns = new ArrayList<>(kind.categoricalColumns());
        columns.add(EventKind.CMD);
        return columns;
    }

    public ColumnSummary numeric(String column) {
        return numeric.stream().filter(s -> s.column().equals(column)).findFirst().orElseThrow();
    }

    public CategorySummary category(String column) {
        return categories.stream().filter(s -> s.column().equals(column)).findFirst().orElseThrow();
    }

    private static List<ColumnSummary> numericSummaries(List<String> columns, Dataset<Row> df) {
        List<Column> aggs = new ArrayList<>();
        for (String c : columns) {
            aggs.add(count(col(c)));
            aggs.add(avg(col(c)));
            aggs.add(stddev(col(c)));
            aggs.add(min(col(c)));
            aggs.add(max(col(c)));
            aggs.add(avg(when(isAttack(), col(c))));
            aggs.add(avg(when(isAttack().equalTo(false), col(c))));
        }
        aggs.add(count(lit(1)));
        Row r = df.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
        long rows = r.getLong(aggs.size() - 1);
        List<ColumnSummary> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            int o = i * 7;
            long values = r.getLong(o);
            out.add(new ColumnSummary(columns.get(i), values, rows - values, d(r, o + 1), d(r, o + 2), d(r, o + 3),
                    d(r, o + 4), d(r, o + 5), d(r, o + 6)));
        }
        return out;
    }

    /**
     * One job for all categorical columns: every row becomes (column, value) pairs counted per
     * class; distinct values, nulls and the most frequent values are then read off the counts.
     */
    private static List<CategorySummary> categorySummaries(List<String> columns, Dataset<Row> df) {
        Column[] pairs = new Column[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            pairs[i] = struct(lit(i).alias("c"), col(columns.get(i)).alias("v"));
        }
        List<Row> counted = df.select(col(LabelledEvents.LABEL), explode(array(pairs)).alias("p"))
                .groupBy(col("p.c"), col("p.v"))
                .agg(sum(when(isAttack(), 1).otherwise(0)).alias("attacks"), count(lit(1)).alias("n"))
                .collectAsList();
        List<List<CategorySummary.ValueCount>> values = new ArrayList<>();
        long[] nulls = new long[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            values.add(new ArrayList<>());
        }
        for (Row r : counted) {
            int c = r.getInt(0);
            long attacks = r.getLong(2);
            long n = r.getLong(3);
            if (r.isNullAt(1)) {
                nulls[c] += n;
            }
            values.get(c).add(new CategorySummary.ValueCount(r.isNullAt(1) ? "(null)" : r.getString(1), attacks, n - attacks));
        }
        List<CategorySummary> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            List<CategorySummary.ValueCount> v = values.get(i);
            long distinct = v.size() - (nulls[i] > 0 ? 1 : 0); // the null group is not a value
            v.sort(Comparator.comparingLong(CategorySummary.ValueCount::total).reversed()
                    .thenComparing(CategorySummary.ValueCount::value));
            out.add(new CategorySummary(columns.get(i), distinct, nulls[i], List.copyOf(v.subList(0, Math.min(TOP_VALUES, v.size())))));
        }
        return out;
    }

    /** One job for all columns: every row becomes (column, bin) pairs, counted per class. */
    private static List<Histogram> histograms(List<ColumnSummary> summaries, Dataset<Row> df) {
        List<ColumnSummary> usable = summaries.stream().filter(s -> !s.constant()).toList();
        if (usable.isEmpty()) {
            return List.of();
        }
        List<Column> pairs = new ArrayList<>();
        double[] lows = new double[usable.size()];
        double[] widths = new double[usable.size()];
        for (int i = 0; i < usable.size(); i++) {
            ColumnSummary s = usable.get(i);
            lows[i] = Histogram.scale(s.min());
            widths[i] = (Histogram.scale(s.max()) - lows[i]) / BINS;
            Column scaled = signum(col(s.column())).multiply(log10(abs(col(s.column())).plus(1)));
            // greatest/least skip nulls, so a missing value must stay null explicitly
            Column bin = when(col(s.column()).isNotNull(), least(lit(BINS - 1), greatest(lit(0),
                    floor(scaled.minus(lows[i]).divide(widths[i])).cast("int"))));
            pairs.add(struct(lit(i).alias("f"), bin.alias("b")));
        }
        Dataset<Row> counted = df.select(col(LabelledEvents.LABEL), explode(array(pairs.toArray(Column[]::new))).alias("p"))
                .filter(col("p.b").isNotNull())
                .groupBy(col("p.f"), col("p.b"), col(LabelledEvents.LABEL))
                .count();
        long[][] attacks = new long[usable.size()][BINS];
        long[][] normals = new long[usable.size()][BINS];
        for (Row r : counted.collectAsList()) {
            int f = r.getInt(0);
            int b = r.getInt(1);
            if (r.getDouble(2) == 1.0) {
                attacks[f][b] += r.getLong(3);
            } else {
                normals[f][b] += r.getLong(3);
            }
        }
        List<Histogram> out = new ArrayList<>();
        for (int i = 0; i < usable.size(); i++) {
            out.add(new Histogram(usable.get(i).column(), lows[i], widths[i], attacks[i], normals[i]));
        }
        return out;
    }

    private static double d(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
    }
}

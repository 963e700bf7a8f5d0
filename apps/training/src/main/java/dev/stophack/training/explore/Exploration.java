package dev.stophack.training.explore;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
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

import dev.stophack.api.events.EventKind;
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
 * rows (two jobs whatever the data size, the first of which a caller can share): class and attack-type counts, numeric and
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

    private static final Column NO_BIN = lit(null).cast("int").alias("b");
    private static final Column NO_VALUE = lit(null).cast("string").alias("v");

    private static Column isAttack() {
        return col(LabelledEvents.LABEL).equalTo(1.0);
    }

    /** {@code labelled}: normalised rows with a non-null label; the kind's columns decide the rest. Two jobs. */
    public static Exploration of(EventKind kind, Dataset<Row> labelled, ClassCounts classes, boolean hasType) {
        List<Column> aggs = numericAggregates(kind.numericColumns());
        Row r = labelled.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
        return of(kind, labelled, classes, numericSummaries(kind.numericColumns(), r, 0, classes.total()), hasType);
    }

    /**
     * With the numeric summaries already computed (by {@link #numericAggregates} in a job of the
     * caller's): the rest in one job, since the histograms' bins need the summaries' ranges.
     */
    public static Exploration of(EventKind kind, Dataset<Row> labelled, ClassCounts classes, List<ColumnSummary> numeric,
                                 boolean hasType) {
        List<String> categorical = categoricalColumns(kind);
        List<ColumnSummary> usable = numeric.stream().filter(s -> !s.constant()).toList();
        double[] lows = new double[usable.size()];
        double[] widths = new double[usable.size()];
        // every row becomes (what, value, bin) triples: categories by index with their value, then the
        // attack type, then the histogram bins; one count per triple and class answers all three
        List<Column> pairs = new ArrayList<>();
        for (int i = 0; i < categorical.size(); i++) {
            pairs.add(struct(lit(i).alias("f"), col(categorical.get(i)).cast("string").alias("v"), NO_BIN));
        }
        int typeAt = categorical.size();
        if (hasType) {
            pairs.add(struct(lit(typeAt).alias("f"), col(EventKind.TYPE).cast("string").alias("v"), NO_BIN));
        }
        int binsAt = typeAt + 1;
        for (int i = 0; i < usable.size(); i++) {
            ColumnSummary s = usable.get(i);
            lows[i] = Histogram.scale(s.min());
            widths[i] = (Histogram.scale(s.max()) - lows[i]) / BINS;
            Column scaled = signum(col(s.column())).multiply(log10(abs(col(s.column())).plus(1)));
            // greatest/least skip nulls, so a missing value must stay null explicitly
            Column bin = least(lit(BINS - 1), greatest(lit(0), floor(scaled.minus(lows[i]).divide(widths[i])).cast("int")));
            pairs.add(when(col(s.column()).isNotNull(), struct(lit(binsAt + i).alias("f"), NO_VALUE, bin.alias("b"))));
        }
        List<Row> counted = labelled.select(col(LabelledEvents.LABEL), explode(array(pairs.toArray(Column[]::new))).alias("p"))
                .filter(col("p").isNotNull())
                .groupBy(col("p.f"), col("p.v"), col("p.b"))
                .agg(sum(when(isAttack(), 1).otherwise(0)).alias("attacks"), count(lit(1)).alias("n"))
                .collectAsList();

        List<List<CategorySummary.ValueCount>> values = new ArrayList<>();
        long[] nulls = new long[categorical.size()];
        for (int i = 0; i < categorical.size(); i++) {
            values.add(new ArrayList<>());
        }
        List<Map.Entry<String, Long>> typeCounts = new ArrayList<>();
        long[][] attacks = new long[usable.size()][BINS];
        long[][] normals = new long[usable.size()][BINS];
        for (Row r : counted) {
            int f = r.getInt(0);
            long a = r.getLong(3);
            long n = r.getLong(4);
            if (f < typeAt) {
                if (r.isNullAt(1)) {
                    nulls[f] += n;
                }
                values.get(f).add(new CategorySummary.ValueCount(r.isNullAt(1) ? "(null)" : r.getString(1), a, n - a));
            } else if (f == typeAt) {
                typeCounts.add(Map.entry(r.isNullAt(1) ? "(none)" : r.getString(1), n));
            } else {
                int b = r.getInt(2);
                attacks[f - binsAt][b] += a;
                normals[f - binsAt][b] += n - a;
            }
        }
        Map<String, Long> types = new LinkedHashMap<>();
        typeCounts.stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> types.put(e.getKey(), e.getValue()));
        List<CategorySummary> categories = new ArrayList<>();
        for (int i = 0; i < categorical.size(); i++) {
            List<CategorySummary.ValueCount> v = values.get(i);
            long distinct = v.size() - (nulls[i] > 0 ? 1 : 0); // the null group is not a value
            v.sort(Comparator.comparingLong(CategorySummary.ValueCount::total).reversed()
                    .thenComparing(CategorySummary.ValueCount::value));
            categories.add(new CategorySummary(categorical.get(i), distinct, nulls[i],
                    List.copyOf(v.subList(0, Math.min(TOP_VALUES, v.size())))));
        }
        List<Histogram> histograms = new ArrayList<>();
        for (int i = 0; i < usable.size(); i++) {
            histograms.add(new Histogram(usable.get(i).column(), lows[i], widths[i], attacks[i], normals[i]));
        }
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

    /**
     * Per numeric column, over the rows with a label (so that they can run over the unfiltered,
     * annotated rows in one job with other aggregates): count, mean, standard deviation, min, max,
     * and the mean per class. {@link #numericSummaries} reads them back.
     */
    public static List<Column> numericAggregates(List<String> columns) {
        List<Column> aggs = new ArrayList<>();
        for (String c : columns) {
            Column v = when(col(LabelledEvents.LABEL).isNotNull(), col(c));
            aggs.add(count(v));
            aggs.add(avg(v));
            aggs.add(stddev(v));
            aggs.add(min(v));
            aggs.add(max(v));
            aggs.add(avg(when(isAttack(), col(c))));
            aggs.add(avg(when(col(LabelledEvents.LABEL).equalTo(0.0), col(c))));
        }
        return aggs;
    }

    /** The summaries from a row holding {@link #numericAggregates} at {@code offset}; {@code rows}: labelled rows. */
    public static List<ColumnSummary> numericSummaries(List<String> columns, Row r, int offset, long rows) {
        List<ColumnSummary> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            int o = offset + i * 7;
            long values = r.getLong(o);
            out.add(new ColumnSummary(columns.get(i), values, rows - values, d(r, o + 1), d(r, o + 2), d(r, o + 3),
                    d(r, o + 4), d(r, o + 5), d(r, o + 6)));
        }
        return out;
    }

    private static double d(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
    }
}

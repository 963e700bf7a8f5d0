package dev.stophack.training.data;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.stophack.api.events.EventKind;
import dev.stophack.normalise.RawNumber;
import dev.stophack.spark.RawNumberColumn;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the cleaning pass says about the raw rows: how many there are, how many values of each
 * numeric column are unreadable and why (RawNumber's reasons), how many labels are unreadable,
 * and a fingerprint of the content that does not depend on row order or partitioning.
 *
 * @param rows           rows read
 * @param unreadable     column -> reason -> count, only non-zero counts
 * @param badLabels      rows whose {@code attack} is neither 0 nor 1 (left out of training)
 * @param fingerprint    {@code sha256:} of the row count and the sum of every row's 64-bit hash
 */
public record DataQuality(long rows, Map<String, Map<String, Long>> unreadable, long badLabels, String fingerprint) {
    static final List<String> REASONS =
            List.of(RawNumber.BLANK, RawNumber.NOT_AVAILABLE, RawNumber.OVERFLOW, RawNumber.UNPARSEABLE);

    /** The columns whose values are numbers, ids included. */
    public static List<String> numberColumns(EventKind kind) {
        List<String> columns = new ArrayList<>(List.of(EventKind.SEQUENCE, EventKind.MACHINE, EventKind.PID));
        columns.addAll(kind.numericColumns());
        return columns;
    }

    /** Per row: the 64-bit hash of the raw values, for the fingerprint. */
    public static final String ROW_HASH = "_row_hash";
    /** Per row: {@code column|reason} for every number that did not read. */
    public static final String PROBLEMS = "_problems";
    private static final String RAW = "_raw_";

    /**
     * The normalised rows with {@link LabelledEvents#LABEL}, {@link #ROW_HASH} and {@link #PROBLEMS},
     * in one projection: the raw text is kept aside only until the reasons are known, and a reason
     * is worked out only for a value that did not read.
     */
    public static Dataset<Row> annotate(TrainingFile file, Dataset<Row> raw) {
        List<String> columns = numberColumns(file.kind());
        Column[] all = file.header().stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
        Dataset<Row> df = raw.withColumn(ROW_HASH, xxhash64(all));
        for (String c : columns) {
            df = df.withColumn(RAW + c, col(c));
        }
        df = LabelledEvents.normalised(file.kind(), df);
        Column[] problems = columns.stream()
                .map(c -> when(col(c).isNull(), concat_ws("|", lit(c), RawNumberColumn.reason(col(RAW + c)))))
                .toArray(Column[]::new);
        df = df.withColumn(PROBLEMS, filter(array(problems), Column::isNotNull));
        return df.drop(columns.stream().map(c -> RAW + c).toArray(String[]::new));
    }

    /** One job over the (cached) output of {@link #annotate}, and a second when some value is unreadable. */
    public static DataQuality measure(EventKind kind, Dataset<Row> annotated) {
        List<Column> aggregates = aggregates();
        return read(kind, annotated.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .first(), 0, annotated);
    }

    /**
     * The aggregates behind a {@link DataQuality}, so that a caller can compute them in the same
     * job as others over the output of {@link #annotate}; {@link #read} reads them back. Almost
     * every row reads whole, so the job only counts the rows with a problem; the reasons of those
     * few are counted by {@link #read}, in a second job, only when there are any.
     */
    public static List<Column> aggregates() {
        return List.of(count(lit(1)),
                sum(col(ROW_HASH).cast("decimal(38,0)")),
                sum(when(col(LabelledEvents.LABEL).isNull(), 1).otherwise(0)),
                sum(when(size(col(PROBLEMS)).gt(0), 1L).otherwise(0L)));
    }

    /**
     * The quality from a row holding {@link #aggregates}, starting at {@code offset}; counts the
     * reasons per column in {@code annotated} (the frame the aggregates ran on) if a row had any.
     */
    public static DataQuality read(EventKind kind, Row row, int offset, Dataset<Row> annotated) {
        long rows = row.getLong(offset);
        BigDecimal hash = row.isNullAt(offset + 1) ? BigDecimal.ZERO : row.getDecimal(offset + 1);
        long badLabels = row.isNullAt(offset + 2) ? 0 : row.getLong(offset + 2);
        long withProblems = row.isNullAt(offset + 3) ? 0 : row.getLong(offset + 3);
        Map<String, Map<String, Long>> found = new HashMap<>();
        if (withProblems > 0) {
            for (Row r : annotated.filter(size(col(PROBLEMS)).gt(0)).select(explode(col(PROBLEMS)).as("p"))
                    .groupBy("p").count().collectAsList()) {
                String[] columnAndReason = r.getString(0).split("\\|", 2);
                found.computeIfAbsent(columnAndReason[0], k -> new HashMap<>()).put(columnAndReason[1], r.getLong(1));
            }
        }
        // in the order of the kind's columns and of the reasons, as the report lists them
        Map<String, Map<String, Long>> unreadable = new LinkedHashMap<>();
        for (String c : numberColumns(kind)) {
            for (String r : REASONS) {
                long n = found.getOrDefault(c, Map.of()).getOrDefault(r, 0L);
                if (n > 0) {
                    unreadable.computeIfAbsent(c, k -> new LinkedHashMap<>()).put(r, n);
                }
            }
        }
        return new DataQuality(rows, unreadable, badLabels, fingerprint(rows, hash));
    }

    /** Unreadable values of one column, all reasons together. */
    public long unreadable(String column) {
        return unreadable.getOrDefault(column, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    static String fingerprint(long rows, BigDecimal hashSum) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((rows + ":" + hashSum.toPlainString()).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}

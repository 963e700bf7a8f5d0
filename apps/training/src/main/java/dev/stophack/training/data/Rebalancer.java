package dev.stophack.training.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Downsamples the over-represented class to the {@link RebalancePlan}: exactly the planned number
 * of rows, chosen by a seeded random order, so the same seed and input give the same rows.
 *
 * <p>The rows kept are those first in the random order. Finding them needs no sort: one job counts
 * the rows per class and per bucket of the order ({@link #BUCKETS} of them), which places the cut
 * in one bucket; a second job collects the order values of that bucket's few rows, which gives
 * the exact cut. Each part of a split (train, test) is cut in the same two jobs.
 */
public final class Rebalancer {
    private static final String ORDER = "_rebalance_order";
    private static final String PART = "_rebalance_part";
    private static final String BUCKET = "_rebalance_bucket";
    /** Buckets of the random order: ~1/1024 of a class's rows are collected to place the cut. */
    static final int BUCKETS = 1024;
    private static final double ATTACK = 1.0;
    private static final double NORMAL = 0.0;

    private Rebalancer() {
    }

    /** Rows per class of a labelled frame. */
    public record ClassCounts(long attacks, long normals) {
        public long total() {
            return attacks + normals;
        }

        public static ClassCounts of(Dataset<Row> labelled) {
            long attacks = 0;
            long normals = 0;
            for (Row r : labelled.groupBy(LabelledEvents.LABEL).count().collectAsList()) {
                if (r.isNullAt(0)) {
                    continue;
                }
                if (r.getDouble(0) == ATTACK) {
                    attacks = r.getLong(1);
                } else {
                    normals = r.getLong(1);
                }
            }
            return new ClassCounts(attacks, normals);
        }
    }

    /**
     * One part rebalanced: its rows (not yet computed), its class counts before, and the plan it
     * was cut to.
     */
    public record Part(Dataset<Row> rows, ClassCounts present, RebalancePlan plan) {
    }

    /**
     * Both parts of a split rebalanced, as one frame, so that one cache and one job hold and count
     * them both.
     *
     * @param rows    the rows kept, with the part they belong to in a column of their own
     * @param present class counts per part before
     * @param plans   the plan per part
     */
    public record Rebalanced(Dataset<Row> rows, ClassCounts[] present, RebalancePlan[] plans) {
        /** The rows of part 0 or 1, out of {@link #rows} (cached or not). */
        public Dataset<Row> part(int p) {
            return rows.filter(col(PART).equalTo(p == 1)).drop(PART);
        }

        /** Rows per part and class, counted in one job (which fills {@link #rows}' cache when it has one). */
        public ClassCounts[] counted() {
            long[][] counts = new long[2][2];
            for (Row r : rows.groupBy(col(PART), col(LabelledEvents.LABEL)).count().collectAsList()) {
                counts[r.getBoolean(0) ? 1 : 0][r.getDouble(1) == ATTACK ? 0 : 1] = r.getLong(2);
            }
            return new ClassCounts[] {new ClassCounts(counts[0][0], counts[0][1]), new ClassCounts(counts[1][0], counts[1][1])};
        }
    }

    /** The whole of {@code labelled} as one part, brought to its plan. */
    public static Part rebalance(Dataset<Row> labelled, long seed, int partitions) {
        Rebalanced r = rebalanceParts(labelled, lit(false), seed, partitions);
        return new Part(r.part(0), r.present()[0], r.plans()[0]);
    }

    /**
     * Splits {@code labelled} into the rows where {@code inSecondPart} is false (part 0) and true
     * (part 1) and brings each part to its own {@link RebalancePlan}. Rows whose label is neither 1
     * nor 0 are left out. Two Spark jobs; {@code labelled} should be cached, since each job and
     * the result read it again, and must give its rows in the same order each time (a cached frame
     * does), because the random order is drawn per partition and row.
     */
    public static Rebalanced rebalanceParts(Dataset<Row> labelled, Column inSecondPart, long seed, int partitions) {
        Column label = col(LabelledEvents.LABEL);
        Dataset<Row> ordered = labelled.filter(label.isin(ATTACK, NORMAL))
                .withColumn(PART, inSecondPart.cast("boolean"))
                .withColumn(ORDER, rand(seed));
        Column bucket = floor(col(ORDER).multiply(BUCKETS)).cast("int");

        // [part][class: 0 attack, 1 normal][bucket]
        long[][][] counts = new long[2][2][BUCKETS];
        for (Row r : ordered.groupBy(col(PART), label, bucket.as(BUCKET)).count().collectAsList()) {
            counts[r.getBoolean(0) ? 1 : 0][r.getDouble(1) == ATTACK ? 0 : 1][r.getInt(2)] = r.getLong(3);
        }

        Cut[][] cuts = new Cut[2][2];
        RebalancePlan[] plans = new RebalancePlan[2];
        ClassCounts[] present = new ClassCounts[2];
        Column boundaries = lit(false);
        for (int p = 0; p < 2; p++) {
            present[p] = new ClassCounts(sum(counts[p][0]), sum(counts[p][1]));
            plans[p] = RebalancePlan.of(present[p].attacks(), present[p].normals());
            cuts[p][0] = Cut.of(counts[p][0], plans[p].attacks());
            cuts[p][1] = Cut.of(counts[p][1], plans[p].normals());
            for (int c = 0; c < 2; c++) {
                if (cuts[p][c].inBucket() >= 0) {
                    boundaries = boundaries.or(col(PART).equalTo(p == 1).and(label.equalTo(c == 0 ? ATTACK : NORMAL))
                            .and(bucket.equalTo(cuts[p][c].inBucket())));
                }
            }
        }
        // the order values of the boundary buckets' rows give each cut exactly
        List<List<List<Double>>> boundaryOrders = List.of(List.of(new ArrayList<>(), new ArrayList<>()),
                List.of(new ArrayList<>(), new ArrayList<>()));
        for (Row r : ordered.filter(boundaries).select(col(PART), label, col(ORDER)).collectAsList()) {
            boundaryOrders.get(r.getBoolean(0) ? 1 : 0).get(r.getDouble(1) == ATTACK ? 0 : 1).add(r.getDouble(2));
        }

        Column keep = lit(false);
        for (int p = 0; p < 2; p++) {
            keep = keep.or(col(PART).equalTo(p == 1).and(
                    when(label.equalTo(ATTACK), cuts[p][0].keep(boundaryOrders.get(p).get(0)))
                            .otherwise(cuts[p][1].keep(boundaryOrders.get(p).get(1)))));
        }
        Dataset<Row> rows = ordered.filter(keep).drop(ORDER);
        // a small input read as one partition: spread the rows so that fitting uses every core
        if (labelled.queryExecution().toRdd().getNumPartitions() < partitions) {
            rows = rows.repartition(partitions);
        }
        return new Rebalanced(rows, present, plans);
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }

    /**
     * Where one class is cut: every row of the buckets before {@code inBucket}, plus the first
     * {@code fromBucket} rows of that bucket in the random order; or all rows, or none.
     */
    private record Cut(int inBucket, long fromBucket, boolean all) {
        static Cut of(long[] perBucket, long wanted) {
            if (wanted >= sum(perBucket) || wanted <= 0) {
                return new Cut(-1, 0, wanted > 0);
            }
            long before = 0;
            int b = 0;
            while (before + perBucket[b] < wanted) {
                before += perBucket[b++];
            }
            return new Cut(b, wanted - before, false);
        }

        /** The rows kept, given the order values of the boundary bucket's rows. */
        Column keep(List<Double> boundaryOrders) {
            if (inBucket < 0) {
                return lit(all);
            }
            List<Double> sorted = new ArrayList<>(boundaryOrders);
            sorted.sort(null);
            if (sorted.size() < fromBucket) {
                throw new IllegalStateException("the random order changed between two reads: bucket " + inBucket
                        + " held " + sorted.size() + " rows, " + fromBucket + " expected at least");
            }
            // rand draws 53-bit values: two rows of a bucket sharing the cut's value, which would
            // keep one row more, do not happen in practice
            return col(ORDER).leq(sorted.get((int) fromBucket - 1));
        }
    }
}

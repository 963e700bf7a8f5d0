package dev.stophack.training.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.rand;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Downsamples the over-represented class to the {@link RebalancePlan}: exactly the planned number
 * of rows, chosen by a seeded random order, so the same seed and input give the same rows.
 */
public final class Rebalancer {
    private static final String ORDER = "_rebalance_order";

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
                if (r.getDouble(0) == 1.0) {
                    attacks = r.getLong(1);
                } else {
                    normals = r.getLong(1);
                }
            }
            return new ClassCounts(attacks, normals);
        }
    }

    /** The rebalanced rows; {@code present} are the class counts of {@code labelled}. */
    public static Dataset<Row> rebalance(Dataset<Row> labelled, ClassCounts present, RebalancePlan plan, long seed,
                                         int partitions) {
        Dataset<Row> attacks = keep(labelled.filter(col(LabelledEvents.LABEL).equalTo(1.0)), present.attacks(),
                plan.attacks(), seed);
        Dataset<Row> normals = keep(labelled.filter(col(LabelledEvents.LABEL).equalTo(0.0)), present.normals(),
                plan.normals(), seed + 1);
        // a limit leaves one partition; spread the rows again so fitting uses every core
        return attacks.unionByName(normals).repartition(partitions);
    }

    private static Dataset<Row> keep(Dataset<Row> rows, long present, long wanted, long seed) {
        if (wanted >= present) {
            return rows;
        }
        return rows.withColumn(ORDER, rand(seed)).orderBy(ORDER).limit((int) wanted).drop(ORDER);
    }
}

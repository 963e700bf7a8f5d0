package dev.stophack.training.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.training.TestData;
import dev.stophack.training.data.Rebalancer.ClassCounts;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RebalancerTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestData.spark();
    }

    /** {@code n} rows with ids 0..n-1; every {@code every}-th row is an attack. */
    private static Dataset<Row> labelled(long n, int every) {
        return spark.range(n).repartition(3)
                .withColumn(LabelledEvents.LABEL, when(col("id").mod(every).equalTo(0), 1.0).otherwise(0.0));
    }

    private static List<Long> ids(Dataset<Row> df) {
        return df.select("id").orderBy("id").as(org.apache.spark.sql.Encoders.LONG()).collectAsList();
    }

    @Test
    void keepsEveryAttackAndExactlyTwiceAsManyNormalRows() {
        Dataset<Row> df = labelled(3001, 10).cache();
        ClassCounts present = ClassCounts.of(df);
        assertThat(present).isEqualTo(new ClassCounts(301, 2700));
        RebalancePlan plan = RebalancePlan.of(present.attacks(), present.normals());
        Dataset<Row> balanced = Rebalancer.rebalance(df, present, plan, 42, 2);
        assertThat(ClassCounts.of(balanced)).isEqualTo(new ClassCounts(301, 602));
        assertThat(balanced.rdd().getNumPartitions()).isEqualTo(2);

        assertThat(ids(Rebalancer.rebalance(df, present, plan, 42, 2))).as("same seed, same rows")
                .isEqualTo(ids(balanced));
        assertThat(ids(Rebalancer.rebalance(df, present, plan, 7, 2))).as("another seed, other rows")
                .isNotEqualTo(ids(balanced));
        df.unpersist();
    }

    @Test
    void thinsOutAttacksWhenTheyOutnumberTheRatio() {
        Dataset<Row> df = labelled(1000, 2);
        ClassCounts present = ClassCounts.of(df);
        RebalancePlan plan = RebalancePlan.of(present.attacks(), present.normals());
        assertThat(ClassCounts.of(Rebalancer.rebalance(df, present, plan, 1, 2))).isEqualTo(new ClassCounts(250, 500));
    }
}

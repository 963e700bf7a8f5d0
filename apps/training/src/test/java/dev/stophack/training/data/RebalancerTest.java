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
        Rebalancer.Part part = Rebalancer.rebalance(df, 42, 2);
        assertThat(part.present()).isEqualTo(new ClassCounts(301, 2700));
        assertThat(part.plan()).isEqualTo(new RebalancePlan(301, 602));
        Dataset<Row> balanced = part.rows();
        assertThat(ClassCounts.of(balanced)).isEqualTo(new ClassCounts(301, 602));
        assertThat(balanced.rdd().getNumPartitions()).as("every core fits").isGreaterThanOrEqualTo(2);

        assertThat(ids(Rebalancer.rebalance(df, 42, 2).rows())).as("same seed, same rows").isEqualTo(ids(balanced));
        assertThat(ids(Rebalancer.rebalance(df, 7, 2).rows())).as("another seed, other rows")
                .isNotEqualTo(ids(balanced));
        df.unpersist();
    }

    @Test
    void thinsOutAttacksWhenTheyOutnumberTheRatio() {
        Dataset<Row> df = labelled(1000, 2);
        assertThat(ClassCounts.of(Rebalancer.rebalance(df, 1, 2).rows())).isEqualTo(new ClassCounts(250, 500));
    }

    @Test
    void cutsEachPartToItsOwnPlanExactly() {
        // 20,000 rows: the cut of the normal rows falls inside a bucket of the random order
        Dataset<Row> df = labelled(20_000, 7).cache();
        Rebalancer.Rebalanced r = Rebalancer.rebalanceParts(df, col("id").mod(5).equalTo(0), 3, 2);
        assertThat(r.present()).containsExactly(new ClassCounts(2286, 13714), new ClassCounts(572, 3428));
        assertThat(r.counted()).containsExactly(new ClassCounts(2286, 4572), new ClassCounts(572, 1144));
        assertThat(ClassCounts.of(r.part(0))).isEqualTo(new ClassCounts(2286, 4572));
        assertThat(r.part(1).filter(col("id").mod(5).notEqual(0)).count()).as("only the part's rows").isZero();
        assertThat(r.part(1).columns()).as("the part column is dropped").containsExactly(df.columns());
        df.unpersist();
    }

    @Test
    void oneSingleRowOfAClassIsKeptAlone() {
        // 2 attacks, 1 normal: one attack is kept, chosen by the order
        Dataset<Row> df = spark.range(3).withColumn(LabelledEvents.LABEL, when(col("id").lt(2), 1.0).otherwise(0.0));
        Rebalancer.Part part = Rebalancer.rebalance(df, 5, 2);
        assertThat(part.plan()).isEqualTo(new RebalancePlan(1, 1));
        assertThat(ClassCounts.of(part.rows())).isEqualTo(new ClassCounts(1, 1));
    }
}

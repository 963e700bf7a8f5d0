package dev.stophack.training.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stophack.normalise.RawNumber;
import dev.stophack.testkit.LocalSpark;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The plain program the training benchmark measures the job against reads sizes to the same
 * numbers as the job's cleaning, so that both fit on the same data and the comparison is fair.
 */
class PlainTrainingTest {
    @Test
    void sizesAreReadAsTheJobReadsThem() {
        SparkSession spark = LocalSpark.session();
        List<String> texts = Arrays.asList("401M", "96.9M", "-4.7M", "23.0K", "129K", "1.2G", "9196", "0", "-198M", "",
                "n/a", null);
        Dataset<Row> df = spark.createDataset(texts, Encoders.STRING()).toDF("v");
        List<Row> rows = df.select(df.col("v"), PlainTraining.size(df.col("v")).as("n")).collectAsList();
        for (Row r : rows) {
            Double expected = RawNumber.parse(r.getString(0)).valueOrNull();
            Double actual = r.isNullAt(1) ? null : r.getDouble(1);
            if (expected == null) {
                assertThat(actual).as("'%s'", r.getString(0)).isNull();
            } else {
                assertThat(actual).as("'%s'", r.getString(0)).isCloseTo(expected, within(Math.abs(expected) * 1e-12));
            }
        }
        assertThat(rows).hasSize(texts.size());
    }
}

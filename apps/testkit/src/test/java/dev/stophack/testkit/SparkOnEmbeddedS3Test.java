package dev.stophack.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Spark writes and reads parquet through hadoop-aws on the persistent EmbeddedS3 store: the check
 * that the store works with s3a at all, and quickly.
 */
class SparkOnEmbeddedS3Test {
    private static final StructType SCHEMA = new StructType()
            .add("machine", DataTypes.StringType)
            .add("pid", DataTypes.LongType)
            .add("cpu", DataTypes.DoubleType)
            .add("ts", DataTypes.TimestampType);

    private static final List<Row> ROWS = List.of(
            RowFactory.create("m1", 101L, 0.5, Timestamp.valueOf("2019-04-25 10:00:00")),
            RowFactory.create("m1", 102L, 12.0, Timestamp.valueOf("2019-04-25 10:00:01")),
            RowFactory.create("m2", 7L, 99.9, Timestamp.valueOf("2019-04-25 10:00:02")),
            RowFactory.create("m3", 8L, 0.0, Timestamp.valueOf("2019-04-25 10:00:03")));

    @TempDir
    Path tmp;

    @Test
    void writesListsAndReadsParquetAlsoAfterAnS3Restart() {
        Path data = tmp.resolve("s3");
        String path;

        try (TestServices services = TestServices.builder().s3(data).start()) {
            path = services.s3a("events/process/test");
            SparkSession spark = LocalSpark.session(services.s3());

            spark.createDataFrame(ROWS, SCHEMA).repartition(2).write().parquet(path);

            List<String> keys = services.s3Client()
                    .listObjectsV2Paginator(r -> r.bucket(services.bucket()).prefix("events/process/test/"))
                    .contents().stream().map(S3Object::key).collect(Collectors.toList());
            assertThat(keys).contains("events/process/test/_SUCCESS");
            assertThat(keys).filteredOn(k -> k.endsWith(".parquet")).isNotEmpty();
            // no leftovers of the commit protocol
            assertThat(keys).noneMatch(k -> k.contains("_temporary"));

            assertThat(sorted(spark.read().parquet(path))).containsExactlyElementsOf(sorted(ROWS));
        }

        // a new server on the same directory, on another port: Spark reads what the first one stored
        try (TestServices services = TestServices.builder().s3(data).start()) {
            SparkSession spark = LocalSpark.session(services.s3());
            assertThat(sorted(spark.read().parquet(path))).containsExactlyElementsOf(sorted(ROWS));
        }
    }

    private static List<String> sorted(Dataset<Row> df) {
        return sorted(df.select("machine", "pid", "cpu", "ts").collectAsList());
    }

    private static List<String> sorted(List<Row> rows) {
        return rows.stream().map(Row::toString).sorted().collect(Collectors.toList());
    }
}

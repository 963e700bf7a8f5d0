package dev.stophack.training;

import dev.stophack.generate.TelemetryGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import dev.stophack.testkit.LocalSpark;

/** Small generated training data, and the one Spark session the tests of this module share. */
public final class TestData {
    private TestData() {
    }

    /** Writes {@code rows} labelled rows per kind (and no streaming rows) into {@code dir}. */
    public static Path generate(Path dir, long rows, long seed) throws IOException {
        new TelemetryGenerator(new TelemetryGenerator.Options(List.of(4, 5, 6, 7, 8), rows, 0, seed)).writeAll(dir, false);
        return dir;
    }

    /** The local[2] session, set up as training sets up its own. */
    public static SparkSession spark() {
        SparkSession spark = LocalSpark.session();
        TrainCommand.SPARK_CONF.forEach(spark.conf()::set);
        return spark;
    }
}

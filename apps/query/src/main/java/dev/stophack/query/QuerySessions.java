package dev.stophack.query;

import dev.stophack.config.S3Options;
import dev.stophack.query.data.DataRoot;
import dev.stophack.spark.SparkSessions;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/** The Spark session of {@code stophack query} and {@code stophack report}: local, quiet, s3a only when reading S3. */
final class QuerySessions {
    private QuerySessions() {
    }

    static Supplier<SparkSession> forRoot(String appName, DataRoot root, S3Options s3) {
        return () -> SparkSessions.create(appName, root.isS3() ? s3 : null, Map.of(
                // no progress bars between the results
                "spark.ui.showConsoleProgress", "false",
                // small answers from small tables: few partitions after a shuffle
                "spark.sql.shuffle.partitions", "2"));
    }
}

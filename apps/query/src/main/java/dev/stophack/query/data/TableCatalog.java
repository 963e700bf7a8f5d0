package dev.stophack.query.data;

import dev.stophack.query.QueryError;
import dev.stophack.query.sql.Failures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Registers every {@link Table} as a temporary view of a session. A streaming output is read
 * through its root, so Spark honours the {@code _spark_metadata} sink log there (files of an
 * attempt that died are not read), with the columns {@link Table#schema()} declares: no footer
 * has to be read to find them, and a column the job added later is null in the files written
 * before it. An output with no file yet is an empty table with those columns. A copy of an
 * output whose sink log names the original's files is read through {@link SinkLog}.
 */
public final class TableCatalog {
    private final DataRoot root;
    private final Map<Table, String> sources = new LinkedHashMap<>();

    public TableCatalog(DataRoot root) {
        this.root = root;
    }

    /** Registers all tables in {@code spark}; what each was read from is in {@link #source(Table)}. */
    public void register(SparkSession spark) {
        for (Table table : Table.values()) {
            try {
                read(spark, table).createOrReplaceTempView(table.sqlName());
            } catch (Exception e) { // Spark's AnalysisException is checked, and thrown undeclared
                throw new QueryError("cannot read " + table.sqlName() + " from " + root.resolve(table.path()) + ": "
                        + Failures.oneLine(e), e);
            }
        }
    }

    /** Where {@code table} came from, or that it has no data yet. */
    public String source(Table table) {
        return sources.getOrDefault(table, "not read yet");
    }

    public DataRoot root() {
        return root;
    }

    private Dataset<Row> read(SparkSession spark, Table table) throws Exception {
        String location = root.resolve(table.path());
        if (table == Table.MODEL_HISTORY) {
            sources.put(table, location + "/<kind>/" + dev.stophack.api.s3.S3Layout.HISTORY);
            return ModelHistory.read(spark, root);
        }
        Path path = new Path(location);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(path)) {
            sources.put(table, location + " (no data yet)");
            return spark.createDataFrame(List.of(), table.schema());
        }
        sources.put(table, location);
        java.util.Optional<List<String>> copied = SinkLog.relocated(spark, location, table.path());
        if (copied.isPresent()) {
            sources.put(table, location + " (a copy: the files its sink log names, found here)");
            if (copied.get().isEmpty()) {
                return spark.createDataFrame(List.of(), table.schema());
            }
            // basePath: the date=... folders stay the partition column when files are named one by one
            return spark.read().schema(table.schema()).option("basePath", location)
                    .parquet(copied.get().toArray(String[]::new));
        }
        return spark.read().schema(table.schema()).parquet(location);
    }
}

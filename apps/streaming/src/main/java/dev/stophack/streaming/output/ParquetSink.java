package dev.stophack.streaming.output;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.execution.streaming.FileStreamSink;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * Exactly-once parquet output from inside {@code foreachBatch}: Spark's own streaming file sink,
 * driven by the micro-batch id. Files are written in place and listed in the directory's
 * {@code _spark_metadata} log only when the batch commits; a batch id already in the log is
 * skipped. So when a batch is replayed after a crash, its output appears once, and readers of the
 * directory (which honour the log) never see the files of an attempt that died.
 */
public final class ParquetSink {
    private final String path;
    private final FileStreamSink sink;

    public ParquetSink(SparkSession spark, String path, List<String> partitionBy) {
        this(spark, path, partitionBy, Retention.FOREVER);
    }

    /** A sink whose log forgets files older than {@code retention} as it compacts. */
    public ParquetSink(SparkSession spark, String path, List<String> partitionBy, Retention retention) {
        this.path = path;
        this.sink = new FileStreamSink(spark, path, new ParquetFileFormat(),
                JavaConverters.asScalaBuffer(partitionBy).toSeq(),
                options(retention.sinkOptions()));
    }

    private static scala.collection.immutable.Map<String, String> options(Map<String, String> options) {
        scala.collection.immutable.Map<String, String> m = scala.collection.immutable.Map$.MODULE$.empty();
        for (Map.Entry<String, String> e : options.entrySet()) {
            m = m.$plus(new Tuple2<>(e.getKey(), e.getValue()));
        }
        return m;
    }

    /** Writes {@code rows} as batch {@code batchId}, unless that batch is already committed. */
    public void write(long batchId, Dataset<Row> rows) {
        sink.addBatch(batchId, rows);
    }

    public String path() {
        return path;
    }
}

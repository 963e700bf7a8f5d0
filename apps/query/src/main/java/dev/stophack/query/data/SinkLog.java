package dev.stophack.query.data;

import dev.stophack.query.QueryError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.FileStreamSink;
import org.apache.spark.sql.execution.streaming.FileStreamSinkLog;
import org.apache.spark.sql.execution.streaming.SinkFileStatus;

/**
 * The committed files of a streaming output that was copied or moved. Spark's file sink names
 * its files in {@code _spark_metadata/} by absolute path ({@code s3a://stophack/events/...}), so
 * a copy of the bucket in a local folder would have Spark read the original files, or fail
 * when they are not there. Here the log is read as Spark reads it (compaction and all) and each
 * file it names is found again under the output's present place, by its path below the output:
 * what was committed is what is read, wherever the folder now is.
 */
final class SinkLog {
    private SinkLog() {
    }

    /**
     * The files to read for the output at {@code location} (whose layout path is
     * {@code layoutPath}, e.g. {@code events/process}), when its sink log names files somewhere
     * else; empty when there is no log or it names files under {@code location}, which Spark then
     * reads itself.
     */
    static Optional<List<String>> relocated(SparkSession spark, String location, String layoutPath) throws IOException {
        Path root = new Path(location);
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path metadata = new Path(root, FileStreamSink.metadataDir());
        if (!fs.exists(metadata)) {
            return Optional.empty();
        }
        String here = fs.makeQualified(root).toString();
        FileStreamSinkLog log = new FileStreamSinkLog(FileStreamSinkLog.VERSION(), spark, metadata.toString(),
                FileStreamSinkLog.$lessinit$greater$default$4());
        SinkFileStatus[] committed = log.allFiles();
        boolean moved = false;
        List<String> files = new ArrayList<>(committed.length);
        String marker = "/" + layoutPath + "/";
        for (SinkFileStatus file : committed) {
            String path = file.sparkPath().toPath().toString();
            if (path.startsWith(here + "/")) {
                files.add(path);
                continue;
            }
            moved = true;
            int at = path.lastIndexOf(marker);
            if (at < 0) {
                throw new QueryError("the sink log of " + location + " names " + path
                        + ", which is not an " + layoutPath + " file; read the original output instead");
            }
            files.add(here + "/" + path.substring(at + marker.length()));
        }
        return moved ? Optional.of(files) : Optional.empty();
    }
}

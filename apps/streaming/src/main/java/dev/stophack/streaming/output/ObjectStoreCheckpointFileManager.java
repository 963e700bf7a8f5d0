package dev.stophack.streaming.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathFilter;
import org.apache.spark.sql.execution.streaming.FileSystemBasedCheckpointFileManager;

/**
 * How Spark's checkpoints and sink logs ({@code offsets/}, {@code commits/}, {@code state/},
 * {@code _spark_metadata/}) read and write files, made to fit object stores:
 *
 * <ul>
 *   <li>through Hadoop's FileSystem API, which writes an object whatever its "parent directory";
 *       Spark's default FileContext API first insists the parent exists;</li>
 *   <li>a directory with nothing in it yet lists as empty. On S3 a directory is a key prefix and
 *       may have no marker object (S3Proxy's nio2 store, for one, does not list markers), so
 *       listing it must not fail the query.</li>
 * </ul>
 *
 * Set as {@code spark.sql.streaming.checkpointFileManagerClass}; Spark builds one per directory.
 */
public final class ObjectStoreCheckpointFileManager extends FileSystemBasedCheckpointFileManager {
    public ObjectStoreCheckpointFileManager(Path path, Configuration hadoopConf) {
        super(path, hadoopConf);
    }

    @Override
    public FileStatus[] list(Path path, PathFilter filter) {
        try {
            return fs().listStatus(path, filter);
        } catch (FileNotFoundException e) {
            return new FileStatus[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

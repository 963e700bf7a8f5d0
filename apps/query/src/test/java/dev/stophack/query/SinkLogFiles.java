package dev.stophack.query;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathFilter;
import org.apache.spark.sql.execution.streaming.FileSystemBasedCheckpointFileManager;

/**
 * The file manager the fixtures' sink log is written with, as the streaming job configures its
 * own: Hadoop's FileSystem API, and a log folder with no object yet lists as empty (on S3 a
 * folder is a key prefix, and the embedded S3 does not list directory markers).
 */
public final class SinkLogFiles extends FileSystemBasedCheckpointFileManager {
    public SinkLogFiles(Path path, Configuration hadoopConf) {
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

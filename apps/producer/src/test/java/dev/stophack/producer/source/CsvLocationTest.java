package dev.stophack.producer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CsvLocationTest {
    @Test
    void pathsAndFileUrisAreLocalFiles() {
        assertThat(CsvLocation.parse("data/streaming_linux_process.csv"))
                .isEqualTo(new CsvLocation.LocalFile(Path.of("data/streaming_linux_process.csv")));
        assertThat(CsvLocation.parse("file:///tmp/m.csv")).isEqualTo(new CsvLocation.LocalFile(Path.of("/tmp/m.csv")));
    }

    @Test
    void s3aAndS3UrisNameBucketAndKey() {
        assertThat(CsvLocation.parse("s3a://stophack/streams/p.csv"))
                .isEqualTo(new CsvLocation.S3Object("s3a://stophack/streams/p.csv", "stophack", "streams/p.csv"));
        assertThat(CsvLocation.parse("S3://b/k")).isEqualTo(new CsvLocation.S3Object("S3://b/k", "b", "k"));
    }

    @Test
    void anUnknownSchemeOrAnIncompleteUriIsRefused() {
        assertThatThrownBy(() -> CsvLocation.parse("hdfs://nn/data.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--csv hdfs://nn/data.csv: unknown scheme 'hdfs' (expected a file path, file://, s3a:// or s3://)");
        assertThatThrownBy(() -> CsvLocation.parse("s3a://bucket-only")).hasMessageContaining("expected s3a://BUCKET/KEY");
        assertThatThrownBy(() -> CsvLocation.parse("s3a://bucket/")).hasMessageContaining("expected s3a://BUCKET/KEY");
    }
}

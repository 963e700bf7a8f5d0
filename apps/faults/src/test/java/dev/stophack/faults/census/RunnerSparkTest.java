package dev.stophack.faults.census;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Each scenario's bucket gets s3a settings of its own. */
class RunnerSparkTest {
    @Test
    void anS3aSettingBecomesTheBucketsOwn() {
        assertThat(RunnerSpark.perBucket("fs.s3a.endpoint", "stophack-s3-down"))
                .isEqualTo("fs.s3a.bucket.stophack-s3-down.endpoint");
        assertThat(RunnerSpark.perBucket("fs.s3a.connection.ssl.enabled", "b"))
                .isEqualTo("fs.s3a.bucket.b.connection.ssl.enabled");
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> RunnerSpark.perBucket("fs.defaultFS", "b")).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.stophack.streaming.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SinkLogCommitsTest {
    private static String line(String path) {
        return "{\"path\":\"" + path + "\",\"size\":1234,\"isDir\":false,\"modificationTime\":1,\"blockReplication\":1,"
                + "\"blockSize\":33554432,\"action\":\"add\"}";
    }

    @Test
    void aFileIsCommittedWhenTheFirstEntryNamingItWasWritten() {
        SinkLogCommits commits = new SinkLogCommits();
        String a = "s3a://bucket/attacks/detected/date=2026-11-30/part-00000-aaa.c000.snappy.parquet";
        String b = "s3a://bucket/attacks/detected/date=2026-11-30/part-00001-bbb.c000.snappy.parquet";
        commits.entry("v1\n" + line(a), 1_000);
        commits.entry("v1\n" + line(b) + "\n", 6_000);
        commits.entry("v1\n" + line(a) + "\n" + line(b), 9_000); // a compaction repeats both later
        assertThat(commits.committed("/tmp/x/date=2026-11-30/part-00000-aaa.c000.snappy.parquet")).isEqualTo(1_000L);
        assertThat(commits.committed(b)).isEqualTo(6_000L);
        assertThat(commits.committed("part-00002-ccc.c000.snappy.parquet")).isNull();
        assertThat(commits.files()).isEqualTo(2);
    }

    @Test
    void anEntryOfNoBatchFilesHasOnlyItsVersion() {
        SinkLogCommits commits = new SinkLogCommits();
        commits.entry("v1", 5);
        assertThat(commits.files()).isZero();
    }

    @Test
    void onlyBatchEntriesAreReadFromTheLogFolder() {
        assertThat(SinkLogCommits.isEntry("7")).isTrue();
        assertThat(SinkLogCommits.isEntry("19.compact")).isTrue();
        assertThat(SinkLogCommits.isEntry("")).isFalse(); // the folder's marker object on S3
        assertThat(SinkLogCommits.isEntry(".7.crc")).isFalse();
        assertThat(SinkLogCommits.isEntry(".7.c4a1b2.tmp")).isFalse();
    }

    @Test
    void refusesWhatIsNotASinkLogEntry() {
        SinkLogCommits commits = new SinkLogCommits();
        assertThatThrownBy(() -> commits.entry("{\"path\":\"x\"}", 1)).hasMessageContaining("no version line");
        assertThatThrownBy(() -> commits.entry("v1\n{\"size\":3}", 1)).hasMessageContaining("without a path");
        assertThatThrownBy(() -> commits.entry("v1\nnot json", 1)).hasMessageContaining("not JSON");
    }
}

package dev.stophack.streaming.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchModelLogTest {
    @TempDir
    Path checkpoint;

    @Test
    void aRestartedJobFindsTheVersionsAndTheReadTimeOfTheBatchItReplays() {
        Map<EventKind, Integer> versions = new EnumMap<>(EventKind.class);
        versions.put(EventKind.PROCESS, 3);
        versions.put(EventKind.MEMORY, null);
        new BatchModelLog(checkpoint.toUri().toString(), new Configuration()).record(7, versions, 1_700_000_000_123_456L);

        BatchModelLog afterRestart = new BatchModelLog(checkpoint.toUri().toString(), new Configuration());
        assertThat(afterRestart.recorded(6)).as("another batch").isEmpty();
        BatchModelLog.Record replayed = afterRestart.recorded(7).orElseThrow();
        assertThat(replayed.versions()).containsEntry(EventKind.PROCESS, 3).containsEntry(EventKind.MEMORY, null);
        assertThat(replayed.readMicros()).isEqualTo(1_700_000_000_123_456L);
    }

    @Test
    void aLogWrittenBeforeReadTimesWereKeptSaysSo() throws Exception {
        Files.writeString(checkpoint.resolve(BatchModelLog.FILE), "{\"batch\":4,\"versions\":{\"process\":2,\"memory\":1}}");
        BatchModelLog.Record old = new BatchModelLog(checkpoint.toUri().toString(), new Configuration()).recorded(4)
                .orElseThrow();
        assertThat(old.versions()).containsEntry(EventKind.PROCESS, 2);
        assertThat(old.readMicros()).isEqualTo(-1);
    }
}

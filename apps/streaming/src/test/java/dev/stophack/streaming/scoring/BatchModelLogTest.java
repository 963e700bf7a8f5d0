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
    void aRestartedJobFindsTheVersionsCandidatesAndReadTimeOfTheBatchItReplays() {
        Map<EventKind, Integer> versions = new EnumMap<>(EventKind.class);
        versions.put(EventKind.PROCESS, 3);
        versions.put(EventKind.MEMORY, null);
        Map<EventKind, Integer> candidates = new EnumMap<>(EventKind.class);
        candidates.put(EventKind.PROCESS, 4);
        candidates.put(EventKind.MEMORY, null);
        log().record(BatchModelLog.Record.first(7, versions, candidates, 1_700_000_000_123_456L));

        BatchModelLog afterRestart = log();
        assertThat(afterRestart.recorded(6)).as("another batch").isEmpty();
        BatchModelLog.Record replayed = afterRestart.recorded(7).orElseThrow();
        assertThat(replayed.versions()).containsEntry(EventKind.PROCESS, 3).containsEntry(EventKind.MEMORY, null);
        assertThat(replayed.candidates()).containsEntry(EventKind.PROCESS, 4).containsEntry(EventKind.MEMORY, null);
        assertThat(replayed.readMicros()).isEqualTo(1_700_000_000_123_456L);
        assertThat(replayed.attempts()).isEqualTo(1);
        assertThat(replayed.replaced()).isEmpty();
    }

    @Test
    void theAttemptsAndAReplacedVersionSurviveARestart() {
        Map<EventKind, Integer> versions = new EnumMap<>(EventKind.class);
        versions.put(EventKind.PROCESS, 1);
        versions.put(EventKind.MEMORY, 2);
        log().record(new BatchModelLog.Record(12, versions, Map.of(), 5L, 1, Map.of(EventKind.PROCESS, 3)));
        BatchModelLog.Record r = log().recorded(12).orElseThrow();
        assertThat(r.replaced()).containsExactly(Map.entry(EventKind.PROCESS, 3));
        assertThat(r.versions()).containsEntry(EventKind.PROCESS, 1);
        log().record(new BatchModelLog.Record(12, versions, Map.of(), 5L, 4, Map.of()));
        assertThat(log().recorded(12).orElseThrow().attempts()).isEqualTo(4);
    }

    @Test
    void aLogWrittenBeforeReadTimesWereKeptSaysSo() throws Exception {
        Files.writeString(checkpoint.resolve(BatchModelLog.FILE), "{\"batch\":4,\"versions\":{\"process\":2,\"memory\":1}}");
        BatchModelLog.Record old = log().recorded(4).orElseThrow();
        assertThat(old.versions()).containsEntry(EventKind.PROCESS, 2);
        assertThat(old.readMicros()).isEqualTo(-1);
        assertThat(old.attempts()).as("a file without attempts: the one attempt it was written for").isEqualTo(1);
        assertThat(old.candidates()).containsEntry(EventKind.PROCESS, null);
    }

    private BatchModelLog log() {
        return new BatchModelLog(checkpoint.toUri().toString(), new Configuration());
    }
}

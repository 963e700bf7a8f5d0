package dev.stophack.api.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import org.junit.jupiter.api.Test;

class S3LayoutTest {

    @Test
    void keysOfTheModelRoot() {
        assertThat(S3Layout.versionFolder(EventKind.PROCESS, 3)).isEqualTo("process/v3");
        assertThat(S3Layout.modelMetadata(EventKind.MEMORY, 2)).isEqualTo("memory/v2/model/metadata/");
        assertThat(S3Layout.activeFile(EventKind.MEMORY)).isEqualTo("memory/ACTIVE");
        assertThat(S3Layout.candidateFile(EventKind.PROCESS)).isEqualTo("process/CANDIDATE");
        assertThat(S3Layout.historyFile(EventKind.PROCESS)).isEqualTo("process/HISTORY.jsonl");
        assertThat(S3Layout.shadowFolder(EventKind.PROCESS, 4)).isEqualTo("process/v4/shadow/");
        assertThat(S3Layout.activePointer(EventKind.PROCESS)).isEqualTo("models/process/ACTIVE");
    }

    @Test
    void theWeblogOutputsAreTheirOwnDirectories() {
        assertThat(S3Layout.WEBLOG_EVENTS).isEqualTo("events/weblog");
        assertThat(S3Layout.RATELIMIT_ALERTS).isEqualTo("alerts/ratelimit");
        assertThat(S3Layout.ERRORSURGE_ALERTS).isEqualTo("alerts/errorsurge");
        // one file sink per directory: never inside the telemetry's dead letters
        assertThat(S3Layout.WEBLOG_DEADLETTER).doesNotStartWith(S3Layout.DEADLETTER + "/");
        for (EventKind kind : EventKind.values()) {
            assertThat(S3Layout.events(kind)).isNotEqualTo(S3Layout.WEBLOG_EVENTS);
        }
    }

    @Test
    void versionOfAKey() {
        assertThat(S3Layout.versionOf(EventKind.PROCESS, "process/v12/metrics.json")).hasValue(12);
        assertThat(S3Layout.versionOf(EventKind.PROCESS, "process/v12/_claim-x")).hasValue(12);
        assertThat(S3Layout.versionOf(EventKind.PROCESS, "memory/v12/metrics.json")).isEmpty();
        assertThat(S3Layout.versionOf(EventKind.PROCESS, "process/ACTIVE")).isEmpty();
        assertThat(S3Layout.versionOf(EventKind.PROCESS, "process/vx/metrics.json")).isEmpty();
        assertThat(S3Layout.versionOf(EventKind.PROCESS, "process/v99999999999/metrics.json")).isEmpty();
    }
}

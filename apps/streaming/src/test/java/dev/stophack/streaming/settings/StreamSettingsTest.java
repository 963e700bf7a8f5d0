package dev.stophack.streaming.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamSettingsTest {
    static StreamSettings settings(String offsets, Duration trigger, long maxOffsets) {
        return new StreamSettings(dev.stophack.config.KafkaConnection.plaintext("127.0.0.1:9092"), "s3a://stophack/", "s3a://stophack/checkpoints", trigger, false,
                offsets, maxOffsets, 2, Duration.ofSeconds(10), Duration.ofHours(1));
    }

    @Test
    void buildsOutputAndCheckpointLocations() {
        StreamSettings s = settings("LATEST", Duration.ofSeconds(5), 1000);
        assertThat(s.output("events/process")).isEqualTo("s3a://stophack/events/process");
        assertThat(s.checkpoint("ingest")).isEqualTo("s3a://stophack/checkpoints/ingest");
        assertThat(s.startingOffsets()).isEqualTo("latest");
    }

    @Test
    void rejectsBadValuesNamingTheFlag() {
        assertThatThrownBy(() -> settings("newest", Duration.ofSeconds(5), 1)).hasMessageContaining("--starting-offsets");
        assertThatThrownBy(() -> settings("earliest", Duration.ZERO, 1)).hasMessageContaining("--trigger");
        assertThatThrownBy(() -> settings("earliest", Duration.ofSeconds(1), 0)).hasMessageContaining("--max-offsets");
    }

    @Test
    void readsDurationsAsPeopleWriteThem() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(DurationText.parse(" 2M ")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> DurationText.parse("5")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> DurationText.parse("-5s")).hasMessageContaining("not a duration");
    }
}

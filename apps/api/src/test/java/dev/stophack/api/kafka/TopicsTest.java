package dev.stophack.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stophack.api.events.EventKind;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicOfTheContractWithItsRetention() {
        assertThat(EventKind.of("Process")).isEqualTo(EventKind.PROCESS);
        assertThatThrownBy(() -> EventKind.of("disk")).hasMessageContaining("disk");
        assertThat(Topics.ALL).containsExactly("process", "memory", "attack-counts", "attacks", "deadletter",
                "attack-predictions", "stream-status", "weblog", "blocklist", "alerts");
        assertThat(Topics.RETENTION).containsOnlyKeys(Topics.ALL.toArray(String[]::new));
        for (String topic : Topics.ALL) {
            assertThat(Topics.config(topic)).containsEntry("retention.ms", String.valueOf(Topics.retentionMillis(topic)))
                    .containsEntry("max.message.bytes", "1048576");
        }
        assertThatThrownBy(() -> Topics.retentionMillis("nope")).hasMessageContaining("nope");
    }

    @Test
    void aDeadLetterStaysFarBelowTheLargestRecord() {
        // every kept byte escaped as six characters, plus a reason of the same size, plus the fields
        long worst = 6L * DeadLetter.MAX_RAW_BYTES + 6L * DeadLetter.MAX_REASON_CHARS + 1024;
        assertThat(worst).isLessThan(Topics.MAX_MESSAGE_BYTES / 10);
    }
}

package dev.stophack.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.faults.feed.Malformed;
import dev.stophack.faults.feed.Telemetry;
import dev.stophack.streaming.parse.EventParser;
import dev.stophack.streaming.parse.ParsedEvent;
import dev.stophack.streaming.parse.Plausibility;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The malformed scenario counts a bad record as lost unless it is dead-lettered: each kind must
 * be one the job's own parser refuses, on either topic, or the scenario would blame the job for
 * a record that is in fact readable.
 */
class MalformedTest {
    /** The job reads a record a second after Kafka got it, at the feed's event times. */
    static final long KAFKA_MICROS = (Telemetry.T0 + 1) * 1_000_000L;

    @Test
    void everyKindIsRefusedWithAReasonOnBothTopics() {
        for (EventKind kind : EventKind.values()) {
            EventParser parser = new EventParser(kind, new Plausibility(Plausibility.DEFAULT_MAX_FUTURE));
            for (int k = 0; k < Malformed.KINDS.size(); k++) {
                Malformed.Kind bad = Malformed.KINDS.get(k);
                ParsedEvent e = parser.parse(bad.record().apply(k), KAFKA_MICROS, KAFKA_MICROS + 1_000_000L);
                assertThat(e.ok()).as("%s on %s", bad.name(), kind).isFalse();
                assertThat(e.reasonText()).as("%s on %s", bad.name(), kind).isNotBlank();
            }
        }
    }

    @Test
    void sendsEveryKindToBothTopics() {
        Set<String> seen = new HashSet<>();
        Set<String> values = new HashSet<>();
        int n = 2 * Malformed.KINDS.size();
        for (int i = 0; i < n; i++) {
            Malformed.send(i, (topic, key, value, bad) -> {
                assertThat(bad).isTrue();
                seen.add(topic + "/" + key);
                values.add(new String(value, java.nio.charset.StandardCharsets.ISO_8859_1));
            });
        }
        assertThat(seen).hasSize(n);
        assertThat(values.size()).as("distinct values, but for the two kinds that cannot vary (empty, null)")
                .isEqualTo(n - 2);
    }
}

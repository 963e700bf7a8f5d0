package dev.stophack.consumer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.consumer.window.AttackCount;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttackCountReaderTest {
    private static final long START = Instant.parse("2024-05-01T10:02:00Z").toEpochMilli();
    private static final long END = START + 120_000;
    private final AttackCountReader reader = new AttackCountReader();

    private AttackCountReader.Result read(String key, String value) {
        return reader.read(key, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsIsoAndEpochWindowBoundsAlike() {
        AttackCount expected = new AttackCount("4", START, END, 3);
        assertThat(read("4", "{\"window_start\":\"2024-05-01T10:02:00Z\",\"window_end\":\"2024-05-01T10:04:00Z\","
                + "\"machine\":\"4\",\"count\":3}").count()).isEqualTo(expected);
        assertThat(read("4", "{\"window_start\":\"2024-05-01T10:02:00.000Z\",\"window_end\":\"2024-05-01T12:04:00+02:00\","
                + "\"machine\":4,\"count\":3}").count()).isEqualTo(expected);
        assertThat(read("4", "{\"window_start\":\"2024-05-01 10:02:00\",\"window_end\":\"2024-05-01T10:04:00\","
                + "\"machine\":\"4\",\"count\":3.0}").count()).as("no zone: UTC").isEqualTo(expected);
        assertThat(read("4", "{\"window_start\":" + START / 1000 + ",\"window_end\":\"" + END / 1000
                + "\",\"machine\":\"4\",\"count\":\"3\"}").count()).as("epoch seconds").isEqualTo(expected);
        assertThat(read("4", "{\"window_start\":" + START + ",\"window_end\":" + END + ",\"machine\":\"4\",\"count\":3}")
                .count()).as("epoch milliseconds").isEqualTo(expected);
        assertThat(read("4", "{\"window\":{\"start\":\"2024-05-01T10:02:00Z\",\"end\":\"2024-05-01T10:04:00Z\"},"
                + "\"count\":3}").count()).as("Spark's window struct, machine from the key").isEqualTo(expected);
    }

    @Test
    void saysWhyWhenARowIsUnusable() {
        assertThat(read("4", "nope").failure()).isEqualTo(SkipReason.NOT_JSON);
        assertThat(read(null, "{\"window_start\":1,\"window_end\":2,\"count\":1}").failure())
                .isEqualTo(SkipReason.NO_MACHINE);
        assertThat(read("4", "{\"window_start\":\"yesterday\",\"window_end\":2,\"count\":1}").failure())
                .isEqualTo(SkipReason.NO_WINDOW);
        assertThat(read("4", "{\"window_start\":200,\"window_end\":100,\"count\":1}").failure())
                .as("end before start").isEqualTo(SkipReason.NO_WINDOW);
        assertThat(read("4", "{\"window_start\":100,\"window_end\":220}").failure()).isEqualTo(SkipReason.NO_COUNT);
        assertThat(read("4", "{\"window_start\":100,\"window_end\":220,\"count\":-1}").failure())
                .isEqualTo(SkipReason.NO_COUNT);
    }
}

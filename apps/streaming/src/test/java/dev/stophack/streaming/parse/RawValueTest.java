package dev.stophack.streaming.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.kafka.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RawValueTest {
    final RawValue raw = new RawValue();

    @Test
    void aShortValueIsKeptWholeWithItsLengthAndHash() {
        raw.of("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(raw.text()).isEqualTo("abc");
        assertThat(raw.bytes()).isEqualTo(3);
        assertThat(raw.sha256()).as("FIPS 180-2's example").isEqualTo(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(raw.truncated()).isFalse();
    }

    @Test
    void fourHundredKilobytesOfInvalidBytesKeepOnlyAPrefix() {
        byte[] value = new byte[400 * 1024];
        Arrays.fill(value, (byte) 0xFF);
        raw.of(value);
        assertThat(raw.text()).hasSize(DeadLetter.MAX_RAW_BYTES).matches("\uFFFD+");
        assertThat(raw.bytes()).isEqualTo(400 * 1024);
        assertThat(raw.sha256()).hasSize(64);
        assertThat(raw.truncated()).isTrue();
    }

    @Test
    void aPrefixEndsBeforeACharacterItWouldCut() {
        byte[] euros = "€".repeat(5000).getBytes(StandardCharsets.UTF_8); // three bytes each
        raw.of(euros);
        assertThat(raw.text()).as("8192 bytes hold 2730 whole euro signs").isEqualTo("€".repeat(2730));
        assertThat(raw.truncated()).isTrue();
        byte[] emoji = ("a" + "\uD83D\uDE00".repeat(3000)).getBytes(StandardCharsets.UTF_8); // four bytes each
        assertThat(new RawValue().of(emoji).text()).isEqualTo("a" + "\uD83D\uDE00".repeat(2047));
    }

    @Test
    void controlCharactersAreKeptAsTheyAre() {
        raw.of("\u0001".repeat(400 * 1024).getBytes(StandardCharsets.UTF_8));
        assertThat(raw.text()).isEqualTo("\u0001".repeat(DeadLetter.MAX_RAW_BYTES));
        assertThat(raw.truncated()).isTrue();
    }

    @Test
    void aNullValueHasNoTextAndNoHash() {
        raw.of(new byte[] {1});
        raw.of(null);
        assertThat(raw.text()).isNull();
        assertThat(raw.bytes()).isZero();
        assertThat(raw.sha256()).isNull();
        assertThat(raw.truncated()).isFalse();
    }

    @Test
    void aValueOfExactlyTheLimitIsWhole() {
        byte[] value = new byte[DeadLetter.MAX_RAW_BYTES];
        Arrays.fill(value, (byte) 'x');
        raw.of(value);
        assertThat(raw.text()).hasSize(DeadLetter.MAX_RAW_BYTES);
        assertThat(raw.truncated()).isFalse();
    }

    @Test
    void aReasonIsCutToTheLimit() {
        String reason = DeadLetterReason.NOT_JSON.describe("x".repeat(10_000));
        assertThat(reason).hasSize(DeadLetter.MAX_REASON_CHARS).startsWith("not-json: xxx").endsWith("...");
        assertThat(DeadLetterReason.NOT_JSON.describe("short")).isEqualTo("not-json: short");
    }
}

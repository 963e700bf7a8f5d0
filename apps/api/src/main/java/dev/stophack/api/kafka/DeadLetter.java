package dev.stophack.api.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One value on {@link Topics#DEADLETTER} (and one row of {@code deadletter/}): a record the
 * streaming job could not read, with why. It carries only a prefix of the raw value, so that a
 * dead letter is never larger than a record Kafka accepts, whatever arrived; the length and
 * SHA-256 of the whole value identify it.
 *
 * @param topic        the source topic
 * @param partition    the source partition
 * @param offset       the source offset
 * @param reason       a stable code, then what was wrong ({@code unparseable-number: CPU="12Q"}),
 *                     at most {@link #MAX_REASON_CHARS} characters
 * @param raw          the first {@link #MAX_RAW_BYTES} bytes of the value as UTF-8 text (invalid
 *                     bytes become U+FFFD); null for a null value
 * @param rawBytes     the length of the whole value in bytes (0 for a null value)
 * @param rawSha256    the SHA-256 of the whole value, lower-case hex; null for a null value
 * @param rawTruncated whether {@code raw} is shorter than the value
 */
public record DeadLetter(
        @JsonProperty(TOPIC) String topic,
        @JsonProperty(PARTITION) int partition,
        @JsonProperty(OFFSET) long offset,
        @JsonProperty(REASON) String reason,
        @JsonProperty(RAW) String raw,
        @JsonProperty(RAW_BYTES) long rawBytes,
        @JsonProperty(RAW_SHA256) String rawSha256,
        @JsonProperty(RAW_TRUNCATED) boolean rawTruncated) {
    public static final String TOPIC = "topic";
    public static final String PARTITION = "partition";
    public static final String OFFSET = "offset";
    public static final String REASON = "reason";
    public static final String RAW = "raw";
    public static final String RAW_BYTES = "raw_bytes";
    public static final String RAW_SHA256 = "raw_sha256";
    public static final String RAW_TRUNCATED = "raw_truncated";

    /**
     * Bytes of the raw value a dead letter keeps. Even if every byte became a six-character
     * escape in JSON, the record stays under 64 KB, far below {@link Topics#MAX_MESSAGE_BYTES}.
     */
    public static final int MAX_RAW_BYTES = 8192;
    /** Characters of a reason, which may quote a value of the record. */
    public static final int MAX_REASON_CHARS = 512;
}

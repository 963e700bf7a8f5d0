package dev.stophack.streaming.parse;

import dev.stophack.api.kafka.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What a dead letter keeps of the value it could not read: a prefix of at most
 * {@link DeadLetter#MAX_RAW_BYTES} bytes as text, and the whole value's length and SHA-256. A
 * whole value could outgrow the largest Kafka record once invalid bytes become U+FFFD (three
 * bytes) and control characters six-byte JSON escapes; the prefix cannot.
 *
 * <p>Only dead letters come here, so readable events never pay for the hash. Not thread-safe:
 * one per task.
 */
public final class RawValue {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final MessageDigest sha256;
    private final int maxBytes;

    private String text;
    private long bytes;
    private String hash;
    private boolean truncated;

    public RawValue() {
        this(DeadLetter.MAX_RAW_BYTES);
    }

    RawValue(int maxBytes) {
        this.maxBytes = maxBytes;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Describes {@code value} (null for a Kafka record without a value); read the parts with the getters. */
    public RawValue of(byte[] value) {
        if (value == null) {
            text = null;
            bytes = 0;
            hash = null;
            truncated = false;
            return this;
        }
        int keep = prefixLength(value, maxBytes);
        // through String, so that bytes that are not UTF-8 become U+FFFD instead of invalid text
        text = new String(value, 0, keep, StandardCharsets.UTF_8);
        bytes = value.length;
        hash = hex(sha256.digest(value));
        truncated = keep < value.length;
        return this;
    }

    /**
     * How many leading bytes of {@code value} to keep: all when they fit, else at most
     * {@code max}, cut before a UTF-8 sequence rather than through it, so that a valid value's
     * prefix decodes without a stray U+FFFD at its end.
     */
    static int prefixLength(byte[] value, int max) {
        if (value.length <= max) {
            return value.length;
        }
        int cut = max;
        // a continuation byte (10xxxxxx) at the cut belongs to a character that started before it
        while (cut > max - 3 && cut > 0 && (value[cut] & 0xC0) == 0x80) {
            cut--;
        }
        return (value[cut] & 0xC0) == 0x80 ? max : cut; // not UTF-8 there anyway: cut where it falls
    }

    /** The prefix as text, or null for a null value. */
    public String text() {
        return text;
    }

    /** The whole value's length in bytes. */
    public long bytes() {
        return bytes;
    }

    /** The whole value's SHA-256, lower-case hex, or null for a null value. */
    public String sha256() {
        return hash;
    }

    /** Whether {@link #text()} is shorter than the value. */
    public boolean truncated() {
        return truncated;
    }

    private static String hex(byte[] digest) {
        char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(out);
    }
}

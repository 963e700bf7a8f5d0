package dev.stophack.streaming.weblog.ingest;

import dev.stophack.api.kafka.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What a dead letter keeps of a value it could not read: at most {@link DeadLetter#MAX_RAW_BYTES}
 * bytes as text (bytes that are not UTF-8 become U+FFFD), the whole value's length and SHA-256.
 */
final class RawValue {
    private RawValue() {
    }

    static String prefix(byte[] value) {
        int n = Math.min(value.length, DeadLetter.MAX_RAW_BYTES);
        return new String(value, 0, n, StandardCharsets.UTF_8);
    }

    static boolean truncated(byte[] value) {
        return value.length > DeadLetter.MAX_RAW_BYTES;
    }

    static String sha256(byte[] value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value);
            StringBuilder hex = new StringBuilder(64);
            for (byte x : d) {
                hex.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

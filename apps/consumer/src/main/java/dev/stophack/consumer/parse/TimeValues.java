package dev.stophack.consumer.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Window bounds as the streaming job may write them: ISO-8601 text ({@code 2024-05-01T10:02:00Z},
 * with an offset, or without a zone, read as UTC; a space instead of the {@code T} is accepted)
 * or epoch seconds as a number or numeric text. A number of 10^11 or more can only be
 * milliseconds (10^11 seconds is the year 5138), so it is read as such.
 */
public final class TimeValues {
    private static final double MILLIS_FROM = 1e11;

    private TimeValues() {
    }

    /** Epoch milliseconds of {@code node}, or null when it is missing or unreadable. */
    public static Long epochMillis(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return fromNumber(node.asDouble());
        }
        if (node.isTextual()) {
            return epochMillis(node.asText());
        }
        return null;
    }

    /** Epoch milliseconds of {@code text}, or null when it is unreadable. */
    public static Long epochMillis(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return fromNumber(Double.parseDouble(s));
        } catch (NumberFormatException notANumber) {
            // ISO text, below
        }
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        } catch (DateTimeParseException noOffset) {
            try {
                return Instant.parse(iso).toEpochMilli();
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
    }

    private static Long fromNumber(double v) {
        if (!Double.isFinite(v) || v < 0) {
            return null;
        }
        return Math.round(v >= MILLIS_FROM ? v : v * 1000);
    }
}

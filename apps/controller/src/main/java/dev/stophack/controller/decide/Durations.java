package dev.stophack.controller.decide;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the resources write them: a number and {@code ms}, {@code s}, {@code m} or {@code h}. */
public final class Durations {
    private static final Pattern TEXT = Pattern.compile("^(\\d+)(ms|s|m|h)$");

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher m = text == null ? null : TEXT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 90s, 10m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}

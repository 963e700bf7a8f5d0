package dev.stophack.producer;

import dev.stophack.api.events.EventKind;
import dev.stophack.producer.schedule.Bounds;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parsers for {@link ProduceCommand}'s option values, each failing with a one-line reason. */
final class Converters {
    private Converters() {
    }

    /** {@code process} or {@code memory}, any case. */
    static final class Kind implements ITypeConverter<EventKind> {
        @Override
        public EventKind convert(String value) {
            try {
                return EventKind.of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 5s}, {@code 200ms}, {@code 1.5s}, {@code 2m}, a bare number of seconds, or ISO-8601 ({@code PT5S}). */
    static final class Interval implements ITypeConverter<Duration> {
        private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            Matcher m = SIMPLE.matcher(v);
            try {
                if (m.matches()) {
                    BigDecimal amount = new BigDecimal(m.group(1));
                    String unit = m.group(2) == null ? "s" : m.group(2);
                    BigDecimal millis = switch (unit) {
                        case "ms" -> amount;
                        case "m" -> amount.multiply(BigDecimal.valueOf(60_000));
                        default -> amount.multiply(BigDecimal.valueOf(1000));
                    };
                    return Duration.ofMillis(millis.longValueExact());
                }
                return Duration.parse(value.strip());
            } catch (ArithmeticException | java.time.format.DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number of milliseconds (try 5s, 200ms, 1m)");
            }
        }
    }

    /** {@code MIN..MAX} or {@code N}. */
    static final class Range implements ITypeConverter<Bounds> {
        @Override
        public Bounds convert(String value) {
            try {
                return Bounds.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}

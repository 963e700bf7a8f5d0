package dev.stophack.streaming.metrics;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest watermark each stateful query reported in its progress, so that the ingest query
 * (which has none of its own) can tell the status topic how far the windows are final.
 */
public final class Watermarks {
    private final Map<String, Instant> latest = new ConcurrentHashMap<>();

    /** Records {@code query}'s watermark as Spark reports it (ISO-8601); Spark reports the epoch before it has one. */
    public void reported(String query, String watermark) {
        if (query == null || watermark == null) {
            return;
        }
        try {
            Instant t = Instant.parse(watermark);
            if (t.isAfter(Instant.EPOCH)) {
                latest.put(query, t);
            }
        } catch (DateTimeParseException e) {
            // another format in another Spark version: no watermark rather than a failed listener
        }
    }

    /** The latest watermark {@code query} reported, if it has one. */
    public Optional<Instant> of(String query) {
        return Optional.ofNullable(latest.get(query));
    }
}

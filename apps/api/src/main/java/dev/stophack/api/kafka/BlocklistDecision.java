package dev.stophack.api.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One value on {@link Topics#BLOCKLIST} (and one row of {@code alerts/ratelimit/}): the rate
 * limiter's decision that a web client sent more than {@code threshold} requests in one sliding
 * window, so it is blocked until {@code until}. A client that stays above the threshold gets a
 * decision for every window it fills, each with a later {@code until}; one that falls back gets
 * none, and its block ends at the last {@code until}. A reader blocks a host while any of its
 * decisions has {@code until} ahead of the time it applies them at.
 *
 * <p>Topics are at least once: a reader drops repeats by ({@code host}, {@code window_start}).
 * Times are ISO-8601 UTC, whole seconds ({@code 2024-03-01T10:00:00Z}), in the log's own time.
 *
 * @param host        the client, as the access log names it (an IPv4 or IPv6 address or a host name)
 * @param windowStart the sliding window's start
 * @param windowEnd   its end, exclusive
 * @param count       requests of the host in the window when the decision was made (more than {@code threshold})
 * @param threshold   the most requests a window may hold
 * @param until       when the block ends unless another decision extends it: the window's end
 * @param decidedAt   the log time of the request that took the count over the threshold
 */
public record BlocklistDecision(
        @JsonProperty(HOST) String host,
        @JsonProperty(WINDOW_START) String windowStart,
        @JsonProperty(WINDOW_END) String windowEnd,
        @JsonProperty(COUNT) long count,
        @JsonProperty(THRESHOLD) long threshold,
        @JsonProperty(UNTIL) String until,
        @JsonProperty(DECIDED_AT) String decidedAt) {
    public static final String HOST = "host";
    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";
    public static final String COUNT = "count";
    public static final String THRESHOLD = "threshold";
    public static final String UNTIL = "until";
    public static final String DECIDED_AT = "decided_at";
}

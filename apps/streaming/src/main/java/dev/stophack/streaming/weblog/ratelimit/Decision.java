package dev.stophack.streaming.weblog.ratelimit;

/**
 * A blocklist decision (see {@code BlocklistDecision} in the api): {@code host} sent more than
 * {@code threshold} requests in the window {@code [windowStart, windowEnd)}, so it is blocked until
 * {@code until}. Times in epoch milliseconds of the log's own time.
 *
 * @param count     the window's requests by the end of the micro-batch in which it went over
 * @param decidedAt the time of the request that took the window over the threshold
 */
public record Decision(String host, long windowStart, long windowEnd, long count, long threshold, long until,
        long decidedAt) implements java.io.Serializable {
}

package dev.stophack.api.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One value on {@link Topics#ALERTS} (and one row of {@code alerts/errorsurge/}): something wrong
 * in one window of the web access log.
 *
 * <ul>
 *   <li>{@value #ERROR_SURGE}: the share of one status code ({@code "404"}) or class
 *       ({@code "4xx"}, {@code "5xx"}) among all requests of the window rose far above its
 *       baseline, the share it had in the preceding windows. Key = the status.</li>
 *   <li>{@value #URL_BUSTING}: one host asked for many distinct paths in the window and was
 *       mostly answered 404: a scan for hidden URLs. {@code host} and {@code distinct_paths} say
 *       who and how wide; {@code count} and {@code total} are its 404s and its requests. Key = the host.</li>
 * </ul>
 *
 * <p>Topics are at least once: a reader drops repeats by ({@code kind}, {@code status},
 * {@code host}, {@code window_start}). Times are ISO-8601 UTC, whole seconds, in the log's own time.
 *
 * @param kind          {@value #ERROR_SURGE} or {@value #URL_BUSTING}
 * @param status        a status code ({@code "503"}) or class ({@code "5xx"})
 * @param windowStart   the window's start
 * @param windowEnd     its end, exclusive
 * @param count         requests of that status in the window (of that host, for a scan)
 * @param total         all requests in the window (of that host, for a scan)
 * @param ratio         {@code count / total}
 * @param baseline      the status's share of all requests in the preceding windows (for a scan,
 *                      that of 404); 0 while there is no history yet
 * @param host          the scanning host; null for a surge
 * @param distinctPaths distinct paths the host was answered 404 for; null for a surge
 * @param decidedAt     the log time at which the alert was decided (a surge: once the window
 *                      could no longer change; a scan: the request that completed the pattern)
 */
public record WeblogAlert(
        @JsonProperty(KIND) String kind,
        @JsonProperty(STATUS) String status,
        @JsonProperty(WINDOW_START) String windowStart,
        @JsonProperty(WINDOW_END) String windowEnd,
        @JsonProperty(COUNT) long count,
        @JsonProperty(TOTAL) long total,
        @JsonProperty(RATIO) double ratio,
        @JsonProperty(BASELINE) double baseline,
        @JsonProperty(HOST) String host,
        @JsonProperty(DISTINCT_PATHS) Long distinctPaths,
        @JsonProperty(DECIDED_AT) String decidedAt) {
    public static final String ERROR_SURGE = "error-surge";
    public static final String URL_BUSTING = "url-busting";

    public static final String KIND = "kind";
    public static final String STATUS = "status";
    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";
    public static final String COUNT = "count";
    public static final String TOTAL = "total";
    public static final String RATIO = "ratio";
    public static final String BASELINE = "baseline";
    public static final String HOST = "host";
    public static final String DISTINCT_PATHS = "distinct_paths";
    public static final String DECIDED_AT = "decided_at";
}

package dev.stophack.api.weblog;

import java.util.List;

/**
 * The columns of a parsed access-log line, as {@code events/weblog/} stores them (then
 * {@code kafka_partition}, {@code kafka_offset} and the {@code date} partition). The {@code weblog}
 * topic itself carries the line as written: key = the client host, value = the line's bytes.
 */
public final class AccessLogColumns {
    /** The client: IPv4 or IPv6 address, or a host name. Text. */
    public static final String HOST = "host";
    /** When the server logged the request, UTC. Timestamp. */
    public static final String EVENT_TIME = "event_time";
    /** The request method ({@code GET}); null when the request line was not {@code METHOD TARGET [PROTOCOL]}. */
    public static final String METHOD = "method";
    /** The request target as written (path and query). Text, null like {@code method}. */
    public static final String PATH = "path";
    /** {@code HTTP/1.1}; null for a request without one (HTTP/0.9) or an unreadable request line. */
    public static final String PROTOCOL = "protocol";
    /** The status code, 100 to 599. Int. */
    public static final String STATUS = "status";
    /** Response bytes without headers; 0 where the log says {@code -}. Long. */
    public static final String BYTES = "bytes";
    /** Apache's combined format only: the Referer header; null otherwise or when {@code -}. */
    public static final String REFERER = "referer";
    /** Apache's combined format only: the User-Agent header; null otherwise or when {@code -}. */
    public static final String USER_AGENT = "user_agent";

    /** Every column of a parsed line, in file order. */
    public static final List<String> ALL = List.of(HOST, EVENT_TIME, METHOD, PATH, PROTOCOL, STATUS, BYTES, REFERER, USER_AGENT);

    private AccessLogColumns() {
    }
}

package dev.stophack.streaming.weblog.parse;

/**
 * Why an access-log line could not be read. The code starts the {@code reason} of its dead letter
 * ({@code "bad-status: \"2O0\""}), so operators can group by it.
 *
 * <p>Not reasons: a request line that is not {@code METHOD TARGET [PROTOCOL]} (a TLS handshake
 * sent to a plain port, {@code "-"} for a timed-out connection) and {@code -} for bytes. Servers
 * write those for real requests, which still count; the request's columns are then null, and
 * bytes 0.
 */
public enum LineReason {
    /** A null, empty or blank value. */
    EMPTY("empty"),
    /** The line ends before its bytes field, or inside a bracket or a quoted field. */
    TRUNCATED("truncated"),
    /** Not laid out as {@code host ident user [time] "request" status bytes}. */
    BAD_FORMAT("bad-format"),
    /** The client field is not an address or host name (empty, too long, characters no name has). */
    BAD_HOST("bad-host"),
    /** The time is in neither format, or no such time exists (month 13, 30 February, before 1970). */
    BAD_TIME("bad-time"),
    /** The time lies further after the record's Kafka timestamp than the job allows. */
    FUTURE_TIME("future-time"),
    /** The request is not quoted. */
    BAD_REQUEST("bad-request"),
    /** The status is not a number from 100 to 599. */
    BAD_STATUS("bad-status"),
    /** The bytes field is neither {@code -} nor a whole number. */
    BAD_BYTES("bad-bytes"),
    /** The value is not valid UTF-8. */
    NOT_UTF8("not-utf8");

    private final String code;

    LineReason(String code) {
        this.code = code;
    }

    /** The stable kebab-case code, e.g. {@code bad-status}. */
    public String code() {
        return code;
    }

    /** The reason text of a dead letter: the code, a colon and what was wrong. */
    public String describe(String detail) {
        return detail == null || detail.isEmpty() ? code : code + ": " + detail;
    }
}

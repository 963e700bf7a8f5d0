package dev.stophack.query;

/**
 * A query or report that cannot be answered as asked: a bad statement, a table that does not
 * exist, an endpoint that does not answer. Its message is one line meant for the user; the
 * commands print it and exit with code 2.
 */
public final class QueryError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueryError(String message) {
        super(message);
    }

    public QueryError(String message, Throwable cause) {
        super(message, cause);
    }
}

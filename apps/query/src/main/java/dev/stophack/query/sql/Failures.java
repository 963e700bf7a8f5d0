package dev.stophack.query.sql;

import java.util.Map;
import org.apache.spark.SparkThrowable;

/**
 * One line for a failure, as the user should read it. Spark's messages carry the query plan,
 * the statement with a caret, or the whole task failure on further lines; the first line of the
 * most specific error says what went wrong.
 */
public final class Failures {
    private static final int MAX = 400;

    private Failures() {
    }

    public static String oneLine(Throwable e) {
        Throwable chosen = mostSpecific(e);
        String text = firstLine(chosen.getMessage());
        if (text.isEmpty()) {
            text = chosen.getClass().getSimpleName();
        }
        // "...; line 1 pos 14;" ends analysis errors: the position is in the statement the user has
        text = text.replaceAll(";\\s*$", "");
        return text.length() > MAX ? text.substring(0, MAX) + "..." : text;
    }

    /** The name of a table the statement named and Spark did not find, if that is what failed. */
    public static String missingTable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SparkThrowable s && "TABLE_OR_VIEW_NOT_FOUND".equals(s.getErrorClass())) {
                Map<String, String> p = s.getMessageParameters();
                return p.getOrDefault("relationName", "?").replace("`", "");
            }
        }
        return null;
    }

    /**
     * The deepest error that carries a Spark error class, or else the deepest with a message of
     * its own: a failed task wraps the real error in "Job aborted due to stage failure: ...".
     */
    private static Throwable mostSpecific(Throwable e) {
        Throwable classified = null;
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SparkThrowable s && s.getErrorClass() != null && !s.getErrorClass().startsWith("INTERNAL")) {
                classified = t;
            }
            if (!firstLine(t.getMessage()).isEmpty()) {
                deepest = t;
            }
        }
        return classified != null ? classified : deepest;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        return message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}

package dev.stophack.query.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts lines of input into statements. A {@code ;} outside quotes ends a statement. In line mode
 * the end of a line ends one too, unless the statement is visibly unfinished: a quote or a
 * parenthesis is open, or the line ends with a comma, an operator or a word that needs more
 * ({@code FROM}, {@code AND}, {@code BY}, ...). Without line mode only {@code ;} ends a statement,
 * so formatted SQL can spread over lines. A line that starts with a backslash ({@code \q},
 * {@code \tables}) is a command of its own when no statement is open.
 */
public final class StatementSplitter {
    private static final Set<String> NEEDS_MORE = Set.of("select", "from", "where", "and", "or", "by", "join", "on",
            "as", "with", "union", "all", "having", "in", "not", "between", "case", "when", "then", "else",
            "distinct", "is", "like", "limit", "order", "group", "inner", "left", "right", "full", "outer", "cross",
            "over", "partition", "intersect", "except", "set");

    private final boolean lineMode;
    private final StringBuilder pending = new StringBuilder();
    private char quote;
    private int depth;

    public StatementSplitter(boolean lineMode) {
        this.lineMode = lineMode;
    }

    /** Takes one line; returns the statements and commands it completed, in order. */
    public List<String> feed(String line) {
        List<String> done = new ArrayList<>();
        if (pending.toString().isBlank() && quote == 0 && line.strip().startsWith("\\")) {
            pending.setLength(0);
            done.add(line.strip());
            return done;
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                pending.append(c);
                if (c == '\\' && quote != '`' && i + 1 < line.length()) {
                    pending.append(line.charAt(++i)); // an escaped character inside a string
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '-' && i + 1 < line.length() && line.charAt(i + 1) == '-') {
                break; // a comment runs to the end of the line
            } else if (c == ';') {
                complete(done);
            } else {
                if (c == '\'' || c == '"' || c == '`') {
                    quote = c;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth = Math.max(0, depth - 1);
                }
                pending.append(c);
            }
        }
        if (lineMode && !unfinished()) {
            complete(done);
        } else if (!pending.toString().isBlank()) {
            pending.append('\n');
        }
        return done;
    }

    /** The rest at the end of the input, if any: a last statement without its {@code ;}. */
    public List<String> finish() {
        List<String> done = new ArrayList<>();
        complete(done);
        quote = 0;
        depth = 0;
        return done;
    }

    /** Whether a statement has begun and not ended (for a continuation prompt). */
    public boolean open() {
        return !pending.toString().isBlank();
    }

    private boolean unfinished() {
        if (quote != 0 || depth > 0) {
            return true;
        }
        String text = pending.toString().strip();
        if (text.isEmpty()) {
            return false;
        }
        char last = text.charAt(text.length() - 1);
        if (",+-/=<>|&(".indexOf(last) >= 0) {
            return true;
        }
        int space = Math.max(text.lastIndexOf(' '), Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\t')));
        return NEEDS_MORE.contains(text.substring(space + 1).toLowerCase(Locale.ROOT));
    }

    private void complete(List<String> done) {
        String statement = pending.toString().strip();
        if (!statement.isEmpty()) {
            done.add(statement);
        }
        pending.setLength(0);
        depth = 0;
    }
}

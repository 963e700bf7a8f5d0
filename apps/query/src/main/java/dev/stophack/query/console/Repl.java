package dev.stophack.query.console;

import dev.stophack.query.QueryError;
import dev.stophack.query.data.Table;
import dev.stophack.query.output.OutputFormat;
import dev.stophack.query.sql.Preset;
import dev.stophack.query.sql.QueryEngine;
import dev.stophack.query.sql.ResultTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.types.StructField;

/**
 * The interactive mode: statements from stdin, one session for all of them. On a terminal it
 * prompts and a line end runs a finished statement; from a pipe, statements end with {@code ;}
 * when the input uses it, else one per line.
 */
public final class Repl {
    static final String PROMPT = "stophack> ";
    static final String MORE = "     ...> ";
    private static final int WRAP = 100;

    private final QueryEngine engine;
    private final PrintStream out;
    private final PrintStream err;
    private final OutputFormat format;
    private final int limit;

    public Repl(QueryEngine engine, PrintStream out, PrintStream err, OutputFormat format, int limit) {
        this.engine = engine;
        this.out = out;
        this.err = err;
        this.format = format;
        this.limit = limit;
    }

    /** Prompts and runs each statement as soon as it is typed, until {@code \q} or the end of input. */
    public void terminal(BufferedReader in) throws IOException {
        out.println("stophack query over " + engine.catalog().root() + ": SQL statements, \\tables, \\presets, "
                + "\\help, \\q to quit");
        StatementSplitter splitter = new StatementSplitter(true);
        while (true) {
            out.print(splitter.open() ? MORE : PROMPT);
            out.flush();
            String line = in.readLine();
            List<String> statements = line == null ? splitter.finish() : splitter.feed(line);
            for (String s : statements) {
                if (!handle(s)) {
                    return;
                }
            }
            if (line == null) {
                out.println();
                return;
            }
        }
    }

    /** Runs every statement of {@code input} (all of stdin), until {@code \q}. */
    public void script(String input) {
        StatementSplitter splitter = new StatementSplitter(!usesSemicolons(input));
        List<String> lines = input.lines().toList();
        for (String line : lines) {
            for (String s : splitter.feed(line)) {
                if (!handle(s)) {
                    return;
                }
            }
        }
        for (String s : splitter.finish()) {
            if (!handle(s)) {
                return;
            }
        }
    }

    /** Runs one statement or command; false for {@code \q}. */
    boolean handle(String statement) {
        try {
            if (statement.startsWith("\\")) {
                return command(statement);
            }
            print(engine.run(statement, limit));
        } catch (QueryError e) {
            err.println("error: " + e.getMessage());
        }
        out.flush();
        return true;
    }

    private boolean command(String line) {
        String[] words = line.substring(1).strip().split("\\s+");
        switch (words[0]) {
            case "q", "quit" -> {
                return false;
            }
            case "tables" -> tables();
            case "presets" -> Preset.help().forEach(out::println);
            case "preset" -> {
                if (words.length < 2) {
                    throw new QueryError("\\preset NAME (presets: " + Preset.ids() + ")");
                }
                Preset p;
                try {
                    p = Preset.of(words[1]);
                } catch (IllegalArgumentException e) {
                    throw new QueryError(e.getMessage());
                }
                print(engine.run(p.sql(), limit));
            }
            case "help", "?" -> out.println("""
                    SQL statements (Spark SQL) over the tables below; a line end or ';' ends a statement.
                      \\tables         the tables, their row counts and columns
                      \\presets        the named queries and their SQL
                      \\preset NAME    run one of them
                      \\q              quit (or the end of input)""");
            default -> throw new QueryError("unknown command \\" + words[0] + " (\\help lists them)");
        }
        return true;
    }

    private void print(ResultTable result) {
        format.write(result, out);
        if (result.cut() && format != OutputFormat.TABLE) {
            err.println(OutputFormat.summary(result)); // the table says it itself; CSV and JSON stay clean
        }
    }

    /** Each table with its row count and where it was read from, then its columns. */
    private void tables() {
        engine.session();
        for (Table t : Table.values()) {
            long rows = engine.count(t);
            out.println(t.sqlName() + "  " + rows + (rows == 1 ? " row" : " rows") + "  "
                    + engine.catalog().source(t));
            StringBuilder line = new StringBuilder("   ");
            for (StructField f : engine.session().table(t.sqlName()).schema().fields()) {
                String column = " " + f.name() + " " + f.dataType().simpleString() + ",";
                if (line.length() + column.length() > WRAP) {
                    out.println(line);
                    line = new StringBuilder("   ");
                }
                line.append(column);
            }
            out.println(line.substring(0, line.length() - 1));
        }
    }

    /** Whether {@code input} has a {@code ;} outside quotes and comments: then only {@code ;} ends a statement. */
    static boolean usesSemicolons(String input) {
        char quote = 0;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote != '`') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '-' && i + 1 < input.length() && input.charAt(i + 1) == '-') {
                int end = input.indexOf('\n', i);
                i = end < 0 ? input.length() : end;
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == ';') {
                return true;
            }
        }
        return false;
    }
}

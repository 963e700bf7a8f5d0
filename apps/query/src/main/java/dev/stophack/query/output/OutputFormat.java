package dev.stophack.query.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stophack.console.TextTable;
import dev.stophack.query.sql.ResultTable;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a result is printed: an aligned table for people, CSV or JSON Lines for programs. */
public enum OutputFormat {
    /** Aligned columns, then a line with the row count (and whether rows were cut). */
    TABLE {
        @Override
        public void write(ResultTable result, PrintStream out) {
            TextTable t = new TextTable(result.columns().toArray(String[]::new));
            for (List<Object> row : result.rows()) {
                t.row(row.stream().map(v -> Cells.text(v, "null")).toArray());
            }
            out.print(t.render());
            out.println(summary(result));
        }
    },
    /** RFC 4180: a header line, then one line a row; fields quoted when they must be; null is an empty field. */
    CSV {
        @Override
        public void write(ResultTable result, PrintStream out) {
            out.print(line(result.columns()));
            for (List<Object> row : result.rows()) {
                out.print(line(row.stream().map(v -> Cells.text(v, "")).toList()));
            }
        }

        private String line(List<String> fields) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < fields.size(); i++) {
                String f = fields.get(i);
                boolean quote = f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r");
                s.append(i == 0 ? "" : ",").append(quote ? '"' + f.replace("\"", "\"\"") + '"' : f);
            }
            return s.append("\r\n").toString();
        }
    },
    /** One JSON object a row, a line each; numbers stay numbers, null stays null, times are ISO-8601 UTC. */
    JSON {
        @Override
        public void write(ResultTable result, PrintStream out) {
            for (List<Object> row : result.rows()) {
                Map<String, Object> object = new LinkedHashMap<>();
                for (int i = 0; i < result.columns().size(); i++) {
                    object.put(result.columns().get(i), Cells.plain(row.get(i)));
                }
                try {
                    out.println(Json.MAPPER.writeValueAsString(object));
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    };

    /** Prints {@code result} to {@code out}. */
    public abstract void write(ResultTable result, PrintStream out);

    /** {@code (3 rows)}, or that the limit cut the rest. */
    public static String summary(ResultTable result) {
        int n = result.rows().size();
        if (result.cut()) {
            return "(first " + n + " rows; more were cut by --limit " + n + ")";
        }
        return "(" + n + (n == 1 ? " row)" : " rows)");
    }
}

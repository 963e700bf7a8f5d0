package dev.stophack.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The tables {@code stophack query} prints (its default format): a header, a line of dashes,
 * the rows, and a count line such as {@code (5 rows)}. A row is cut at runs of two or more
 * spaces, so a cell that holds two spaces in a row would be split; the cells read here do not.
 */
final class TextTables {
    private static final Pattern RULE = Pattern.compile("-+(  +-+)*");
    private static final Pattern COUNT = Pattern.compile("\\((\\d+ rows?|first \\d+ rows; .*)\\)");
    private static final Pattern GAP = Pattern.compile("  +");

    record Table(List<String> columns, List<List<String>> rows) {
    }

    private TextTables() {
    }

    /** Every table in {@code output}, in order; lines outside a table are skipped. */
    static List<Table> parse(String output) {
        List<String> lines = output.lines().toList();
        List<Table> tables = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (!RULE.matcher(lines.get(i + 1)).matches()) {
                continue;
            }
            List<String> columns = cells(lines.get(i));
            List<List<String>> rows = new ArrayList<>();
            int j = i + 2;
            for (; j < lines.size() && !COUNT.matcher(lines.get(j)).matches(); j++) {
                rows.add(cells(lines.get(j)));
            }
            if (j == lines.size()) {
                throw new IllegalArgumentException("a table without its count line: " + lines.get(i));
            }
            tables.add(new Table(columns, rows));
            i = j;
        }
        return tables;
    }

    private static List<String> cells(String line) {
        return Arrays.asList(GAP.split(line.strip()));
    }
}

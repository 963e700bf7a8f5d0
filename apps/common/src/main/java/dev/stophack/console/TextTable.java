package dev.stophack.console;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, for the console and for markdown reports. */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = List.of(header);
    }

    public TextTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(c == null ? "" : c.toString());
        }
        rows.add(row);
        return this;
    }

    public int size() {
        return rows.size();
    }

    /** Columns padded to their widest cell, separated by two spaces. */
    public String render() {
        int[] widths = widths();
        StringBuilder out = new StringBuilder();
        line(out, header, widths, "", "  ");
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.append(rule).append('\n');
        for (List<String> row : rows) {
            line(out, row, widths, "", "  ");
        }
        return out.toString();
    }

    /** A GitHub-flavoured markdown table. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n|");
        out.append("---|".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
               .append(" |\n");
        }
        return out.toString();
    }

    private int[] widths() {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> row : rows) {
                w[i] = Math.max(w[i], row.get(i).length());
            }
        }
        return w;
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths, String lead, String gap) {
        StringBuilder l = new StringBuilder(lead);
        for (int i = 0; i < cells.size(); i++) {
            l.append(i == 0 ? "" : gap).append(String.format("%-" + widths[i] + "s", cells.get(i)));
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }
}

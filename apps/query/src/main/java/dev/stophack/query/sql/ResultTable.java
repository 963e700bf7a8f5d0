package dev.stophack.query.sql;

import java.util.List;

/**
 * What a statement returned: column names and Spark type names, the rows (at most the limit),
 * and whether more rows were cut.
 */
public record ResultTable(List<String> columns, List<String> types, List<List<Object>> rows, boolean cut) {
    public ResultTable {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        rows = List.copyOf(rows);
    }
}

package dev.stophack.csv;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The header row: column names and their positions. */
public final class CsvHeader {
    private final String source;
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    CsvHeader(String source, String[] names) {
        this.source = source;
        this.names = List.of(Arrays.stream(names).map(String::strip).toArray(String[]::new));
        for (int i = 0; i < this.names.size(); i++) {
            index.putIfAbsent(this.names.get(i), i);
        }
    }

    public List<String> names() {
        return names;
    }

    /** Position of {@code column}, or -1. */
    public int indexOf(String column) {
        return index.getOrDefault(column, -1);
    }

    public boolean has(String column) {
        return index.containsKey(column);
    }

    /**
     * Positions of {@code columns} in the given order; a missing one is a {@link CsvException}
     * naming the file and the column.
     */
    public int[] require(Collection<String> columns) {
        int[] positions = new int[columns.size()];
        int i = 0;
        for (String column : columns) {
            int p = indexOf(column);
            if (p < 0) {
                throw new CsvException(source + ": missing column '" + column + "' (header has " + names + ")");
            }
            positions[i++] = p;
        }
        return positions;
    }
}

package dev.stophack.consumer.testing;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvReader;
import dev.stophack.events.EventEncoder;
import dev.stophack.generate.TelemetryGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Event values as the producer sends them: rows of the generator's streaming CSVs, encoded by
 * the contract's {@link EventEncoder} with a chosen {@code ts}. Rows are handed out in order
 * and start over when they run out, like the producer.
 */
public final class TelemetryEvents {
    private final Map<EventKind, EventEncoder> encoders = new EnumMap<>(EventKind.class);
    private final Map<EventKind, List<String[]>> rows = new EnumMap<>(EventKind.class);
    private final Map<EventKind, Integer> next = new EnumMap<>(EventKind.class);
    private final Map<EventKind, Integer> machineColumn = new HashMap<>();

    /** Generates {@code rowsPerKind} streaming rows per kind for machines 4-8 into {@code dir}. */
    public TelemetryEvents(Path dir, int rowsPerKind) {
        try {
            Files.createDirectories(dir);
            new TelemetryGenerator(new TelemetryGenerator.Options(List.of(4, 5, 6, 7, 8), 0, rowsPerKind, 7))
                    .writeAll(dir, false);
            load(EventKind.PROCESS, dir.resolve(TelemetryGenerator.PROCESS_STREAM));
            load(EventKind.MEMORY, dir.resolve(TelemetryGenerator.MEMORY_STREAM));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void load(EventKind kind, Path file) throws IOException {
        List<String[]> list = new ArrayList<>();
        try (CsvReader reader = CsvReader.open(file)) {
            EventEncoder encoder = new EventEncoder(kind, reader.header());
            encoders.put(kind, encoder);
            machineColumn.put(kind, encoder.machinePosition());
            for (String[] row = reader.next(); row != null; row = reader.next()) {
                list.add(row);
            }
        }
        rows.put(kind, list);
        next.put(kind, 0);
    }

    /** The next row of {@code kind} as a JSON value, claiming to be from {@code machine}, stamped {@code ts}. */
    public byte[] next(EventKind kind, String machine, long ts) {
        List<String[]> list = rows.get(kind);
        int i = next.get(kind);
        next.put(kind, (i + 1) % list.size());
        String[] row = list.get(i).clone();
        row[machineColumn.get(kind)] = machine;
        return encoders.get(kind).encode(row, ts);
    }
}

package dev.stophack.producer;

import dev.stophack.api.events.EventKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Small streaming CSVs for tests: every machine gets rows with sequences 1..n (global, like the
 * generator's), written in a shuffled order with the columns in a non-TON_IoT order plus a
 * column the event must not carry. Cell values mix plain numbers, atop sizes, blanks and
 * strings that need JSON escaping, so the event contract can be checked field by field.
 */
public final class StreamCsv {
    private StreamCsv() {
    }

    /** The file's text; {@code rowsPerMachine} rows for each machine id. */
    public static String text(EventKind kind, List<String> machines, int rowsPerMachine, long shuffleSeed) {
        List<String> columns = new ArrayList<>(kind.columns());
        Collections.reverse(columns);
        columns.add(1, "extra");
        List<String> lines = new ArrayList<>();
        long sequence = 0;
        for (int i = 0; i < rowsPerMachine; i++) {
            for (String machine : machines) {
                sequence++;
                List<String> cells = new ArrayList<>();
                for (String column : columns) {
                    cells.add(cell(column, machine, sequence));
                }
                lines.add(String.join(",", cells));
            }
        }
        Collections.shuffle(lines, new Random(shuffleSeed));
        return String.join(",", columns) + "\n" + String.join("\n", lines) + "\n";
    }

    public static Path write(Path file, EventKind kind, List<String> machines, int rowsPerMachine) throws IOException {
        Files.writeString(file, text(kind, machines, rowsPerMachine, 1), StandardCharsets.UTF_8);
        return file;
    }

    private static String cell(String column, String machine, long sequence) {
        return switch (column) {
            case "sequence" -> Long.toString(sequence);
            case "machine" -> machine;
            case "PID" -> Long.toString(1000 + sequence);
            case "CMD" -> sequence % 5 == 0 ? "\"python3 -c \"\"x, y\"\"\"" : sequence % 7 == 0 ? "<kworker>" : "cmd" + sequence % 3;
            case "extra" -> "not-in-the-event";
            case "Status", "POLI", "State" -> sequence % 2 == 0 ? "S" : "-";
            default -> switch ((int) (sequence % 6)) {
                case 0 -> "0";
                case 1 -> "2.5K";
                case 2 -> " 12M";
                case 3 -> "";
                case 4 -> "-3.25";
                default -> Long.toString(sequence * 3);
            };
        };
    }
}

package dev.stophack.producer.source;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvException;
import dev.stophack.csv.CsvHeader;
import dev.stophack.csv.CsvReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a streaming CSV into memory, one list of rows per machine in {@code sequence} order.
 *
 * <p>A missing column is fatal (a {@link CsvException} naming file and column); a bad row is
 * skipped and counted by {@link SkipReason}, with the first few logged by line number.
 */
public final class StreamLoader {
    private static final Logger LOG = LoggerFactory.getLogger(StreamLoader.class);
    private static final int LOGGED_SKIPS = 5;

    /** Machine ids that are numbers sort as numbers (4 before 10), the rest after them by text. */
    static final Comparator<String> MACHINE_ORDER = Comparator
            .comparing((String m) -> parseLongOrNull(m) == null)
            .thenComparing(m -> parseLongOrNull(m), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Comparator.naturalOrder());

    private final EventKind kind;

    public StreamLoader(EventKind kind) {
        this.kind = kind;
    }

    /** Reads every row of {@code reader}; the caller closes it. */
    public StreamData load(CsvReader reader) throws IOException {
        CsvHeader header = reader.header();
        header.require(kind.columns());
        int width = header.names().size();
        int machineAt = header.indexOf(EventKind.MACHINE);
        int sequenceAt = header.indexOf(EventKind.SEQUENCE);

        Map<String, List<Sequenced>> byMachine = new HashMap<>();
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        ValuePool pool = new ValuePool(width);
        while (true) {
            String[] row;
            try {
                row = reader.next();
            } catch (CsvException e) {
                // the reader has consumed the rest of the file looking for the closing quote
                skip(skipped, SkipReason.UNCLOSED_QUOTE, reader, e.getMessage());
                break;
            }
            if (row == null) {
                break;
            }
            if (row.length != width) {
                skip(skipped, SkipReason.FIELD_COUNT, reader, row.length + " fields, header has " + width);
                continue;
            }
            String machine = row[machineAt].strip();
            if (machine.isEmpty()) {
                skip(skipped, SkipReason.NO_MACHINE, reader, "blank machine");
                continue;
            }
            Long sequence = parseLongOrNull(row[sequenceAt]);
            if (sequence == null) {
                skip(skipped, SkipReason.BAD_SEQUENCE, reader, "sequence '" + row[sequenceAt] + "'");
                continue;
            }
            pool.share(row);
            byMachine.computeIfAbsent(machine, m -> new ArrayList<>()).add(new Sequenced(sequence, row));
        }

        List<MachineRows> machines = new ArrayList<>(byMachine.size());
        byMachine.keySet().stream().sorted(MACHINE_ORDER).forEach(machine -> {
            List<Sequenced> rows = byMachine.get(machine);
            // stable, and linear when the file is already in order (the usual case)
            rows.sort(Comparator.comparingLong(Sequenced::sequence));
            machines.add(new MachineRows(machine, rows.stream().map(Sequenced::row).toArray(String[][]::new)));
        });
        return new StreamData(kind, reader.source(), header, machines, skipped);
    }

    private static void skip(Map<SkipReason, Long> skipped, SkipReason reason, CsvReader reader, String detail) {
        skipped.merge(reason, 1L, Long::sum);
        long total = skipped.values().stream().mapToLong(Long::longValue).sum();
        if (total <= LOGGED_SKIPS) {
            LOG.warn("{}:{}: skipped a row ({}): {}", reader.source(), reader.recordLine(), reason.label(), detail);
        } else if (total == LOGGED_SKIPS + 1) {
            LOG.warn("{}: more bad rows; only their counts are reported from now on", reader.source());
        }
    }

    static Long parseLongOrNull(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private record Sequenced(long sequence, String[] row) {
    }
}

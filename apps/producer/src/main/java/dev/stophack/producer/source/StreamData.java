package dev.stophack.producer.source;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvHeader;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The streaming CSV in memory: its header (to encode rows), every machine's rows in sequence
 * order (machines in id order), and what was skipped.
 */
public record StreamData(EventKind kind, String source, CsvHeader header, List<MachineRows> machines,
                         Map<SkipReason, Long> skipped) {

    public StreamData {
        machines = List.copyOf(machines);
        skipped = skipped.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(skipped));
    }

    /** Rows kept, over all machines. */
    public long rows() {
        return machines.stream().mapToLong(MachineRows::size).sum();
    }

    /** The skip counts for people: {@code field_count=2, bad_sequence=1}. */
    public String describeSkipped() {
        StringBuilder s = new StringBuilder();
        for (SkipReason reason : SkipReason.values()) {
            Long n = skipped.get(reason);
            if (n != null) {
                s.append(s.length() == 0 ? "" : ", ").append(reason.label()).append('=').append(n);
            }
        }
        return s.toString();
    }

    /** Rows left out, over all reasons. */
    public long skippedRows() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}

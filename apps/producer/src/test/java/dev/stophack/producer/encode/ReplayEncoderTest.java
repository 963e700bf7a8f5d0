package dev.stophack.producer.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvReader;
import dev.stophack.events.EventEncoder;
import dev.stophack.producer.StreamCsv;
import dev.stophack.producer.source.MachineRows;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayEncoderTest {
    private static MachineRows machine(EventKind kind, int rows, CsvReader[] reader) throws IOException {
        reader[0] = CsvReader.of(new StringReader(StreamCsv.text(kind, List.of("4"), rows, 1)), "s.csv");
        List<String[]> all = new ArrayList<>();
        for (String[] row = reader[0].next(); row != null; row = reader[0].next()) {
            all.add(row);
        }
        return new MachineRows("4", all.toArray(String[][]::new));
    }

    @Test
    void givesTheContractsBytesForEveryRowAndTime() throws IOException {
        for (EventKind kind : EventKind.values()) {
            CsvReader[] reader = new CsvReader[1];
            MachineRows machine = machine(kind, 30, reader);
            EventEncoder contract = new EventEncoder(kind, reader[0].header());
            ReplayEncoder replay = new ReplayEncoder(new EventEncoder(kind, reader[0].header()));
            ReplayEncoder.Rows rows = replay.of(machine);
            // each row several times, the time going forward and back (as late rows do), and repeated
            long[] times = {1_700_000_000L, 1_700_000_000L, 1_700_000_005L, 1_700_000_000L, 0L, 9_999_999_999L, 7L};
            for (long ts : times) {
                for (int i = 0; i < machine.size(); i++) {
                    assertThat(rows.encode(i, ts)).isEqualTo(contract.encode(machine.row(i), ts));
                }
            }
            assertThat(replay.cachedRows()).isEqualTo(machine.size());
        }
    }

    @Test
    void theSameTimeGivesTheSameArrayAndNoArrayChangesAfterwards() throws IOException {
        CsvReader[] reader = new CsvReader[1];
        MachineRows machine = machine(EventKind.PROCESS, 3, reader);
        ReplayEncoder.Rows rows = new ReplayEncoder(new EventEncoder(EventKind.PROCESS, reader[0].header())).of(machine);
        byte[] first = rows.encode(1, 100);
        byte[] copy = first.clone();
        assertThat(rows.encode(1, 100)).isSameAs(first);
        byte[] later = rows.encode(1, 1_000_000);
        assertThat(later).isNotSameAs(first);
        assertThat(first).as("an array handed to Kafka is never rewritten").isEqualTo(copy);
    }

    @Test
    void pastItsBudgetItEncodesWithoutKeeping() throws IOException {
        CsvReader[] reader = new CsvReader[1];
        MachineRows machine = machine(EventKind.MEMORY, 10, reader);
        EventEncoder contract = new EventEncoder(EventKind.MEMORY, reader[0].header());
        ReplayEncoder replay = new ReplayEncoder(new EventEncoder(EventKind.MEMORY, reader[0].header()), 1);
        ReplayEncoder.Rows rows = replay.of(machine);
        for (int i = 0; i < machine.size(); i++) {
            assertThat(rows.encode(i, 42)).isEqualTo(contract.encode(machine.row(i), 42));
        }
        assertThat(replay.cachedRows()).isEqualTo(1);
    }
}

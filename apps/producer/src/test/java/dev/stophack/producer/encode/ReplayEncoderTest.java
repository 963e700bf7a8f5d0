package dev.stophack.producer.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.csv.CsvReader;
import dev.stophack.events.EventEncoder;
import dev.stophack.events.EventKind;
import dev.stophack.producer.StreamCsv;
import dev.stophack.producer.source.MachineRows;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayEncoderTest {
    private static List<String[]> rows(CsvReader reader) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String[] row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void givesTheContractsBytesForEveryRowAndTime() throws IOException {
        for (EventKind kind : EventKind.values()) {
            CsvReader reader = CsvReader.of(new StringReader(StreamCsv.text(kind, List.of("4", "5"), 30, 1)), "s.csv");
            EventEncoder contract = new EventEncoder(kind, reader.header());
            ReplayEncoder replay = new ReplayEncoder(new EventEncoder(kind, reader.header()));
            MachineRows machine = new MachineRows("4", rows(reader).toArray(String[][]::new));
            MachineRows other = new MachineRows("5", new String[][] {machine.row(3), machine.row(4)});
            // each row several times, with the time going forward and back, as late rows do
            long[] times = {1_700_000_000L, 1_700_000_005L, 1_700_000_000L, 0L, 9_999_999_999L};
            for (long ts : times) {
                for (int i = 0; i < machine.size(); i++) {
                    assertThat(replay.encode(machine, i, ts)).isEqualTo(contract.encode(machine.row(i), ts));
                }
                assertThat(replay.encode(other, 1, ts)).isEqualTo(contract.encode(machine.row(4), ts));
            }
            assertThat(replay.cachedRows()).isEqualTo(machine.size() + 1);
        }
    }

    @Test
    void pastItsBudgetItEncodesWithoutKeeping() throws IOException {
        CsvReader reader = CsvReader.of(new StringReader(StreamCsv.text(EventKind.MEMORY, List.of("4"), 10, 1)), "m.csv");
        EventEncoder contract = new EventEncoder(EventKind.MEMORY, reader.header());
        ReplayEncoder replay = new ReplayEncoder(new EventEncoder(EventKind.MEMORY, reader.header()), 1);
        MachineRows machine = new MachineRows("4", rows(reader).toArray(String[][]::new));
        for (int i = 0; i < machine.size(); i++) {
            assertThat(replay.encode(machine, i, 42)).isEqualTo(contract.encode(machine.row(i), 42));
        }
        assertThat(replay.cachedRows()).isEqualTo(1);
    }
}

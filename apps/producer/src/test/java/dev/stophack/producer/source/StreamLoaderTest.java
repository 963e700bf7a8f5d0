package dev.stophack.producer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvException;
import dev.stophack.csv.CsvReader;
import dev.stophack.producer.StreamCsv;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamLoaderTest {
    private static StreamData load(EventKind kind, String csv) throws IOException {
        try (CsvReader reader = CsvReader.of(new StringReader(csv), "stream.csv")) {
            return new StreamLoader(kind).load(reader);
        }
    }

    private static List<Long> sequences(StreamData data, MachineRows rows) {
        int at = data.header().indexOf("sequence");
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(Long.parseLong(rows.row(i)[at].strip()));
        }
        return out;
    }

    @Test
    void groupsRowsByMachineInSequenceOrder() throws IOException {
        StreamData data = load(EventKind.PROCESS, StreamCsv.text(EventKind.PROCESS, List.of("10", "4", "web"), 40, 9));
        assertThat(data.machines()).extracting(MachineRows::machine).as("numbers as numbers, then names")
                .containsExactly("4", "10", "web");
        assertThat(data.rows()).isEqualTo(120);
        assertThat(data.skipped()).isEmpty();
        for (MachineRows m : data.machines()) {
            List<Long> seq = sequences(data, m);
            assertThat(seq).hasSize(40).isSorted();
            int machineAt = data.header().indexOf("machine");
            for (int i = 0; i < m.size(); i++) {
                assertThat(m.row(i)[machineAt]).isEqualTo(m.machine());
            }
        }
    }

    @Test
    void badRowsAreSkippedAndCountedByReason() throws IOException {
        String header = String.join(",", EventKind.MEMORY.columns());
        String good = "%s,4,100,1,0,2K,1M,1M,0,0,0.1,bash";
        String csv = header + "\n"
                + good.formatted("3") + "\n"
                + "2,4,100,1\n"                                // too few fields
                + good.formatted("1") + ",surplus\n"           // too many
                + good.formatted("x7") + "\n"                  // sequence not a number
                + "5, ,100,1,0,2K,1M,1M,0,0,0.1,bash\n"         // no machine
                + good.formatted(" 2 ") + "\n"                 // blanks around a number are fine
                + good.formatted("9").replace("bash", "\"never closed") + "\n" + good.formatted("10") + "\n";
        StreamData data = load(EventKind.MEMORY, csv);
        assertThat(data.machines()).singleElement().satisfies(m -> assertThat(sequences(data, m)).containsExactly(2L, 3L));
        assertThat(data.skipped()).isEqualTo(Map.of(
                SkipReason.FIELD_COUNT, 2L,
                SkipReason.BAD_SEQUENCE, 1L,
                SkipReason.NO_MACHINE, 1L,
                SkipReason.UNCLOSED_QUOTE, 1L));
        assertThat(data.skippedRows()).isEqualTo(5);
    }

    @Test
    void aMissingColumnNamesTheFileAndTheColumn() {
        String csv = String.join(",", EventKind.PROCESS.columns()).replace(",CPU,", ",CPU_PCT,") + "\n";
        assertThatThrownBy(() -> load(EventKind.PROCESS, csv))
                .isInstanceOf(CsvException.class)
                .hasMessageStartingWith("stream.csv: missing column 'CPU'");
    }

    @Test
    void equalCellsAreSharedToSaveMemory() throws IOException {
        StreamData data = load(EventKind.PROCESS, StreamCsv.text(EventKind.PROCESS, List.of("4"), 20, 3));
        MachineRows m = data.machines().get(0);
        int at = data.header().indexOf("Status");
        assertThat(m.row(0)[at]).isEqualTo(m.row(2)[at]).isSameAs(m.row(2)[at]);
    }
}

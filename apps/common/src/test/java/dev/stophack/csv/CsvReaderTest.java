package dev.stophack.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    private static List<String[]> rows(CsvReader reader) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String[] r; (r = reader.next()) != null; ) {
            rows.add(r);
        }
        return rows;
    }

    @Test
    void findsColumnsByNameInAnyOrder() throws IOException {
        CsvReader r = CsvReader.of(new StringReader("CMD,PID,machine\nsshd,12,4\n"), "t.csv");
        int[] p = r.header().require(List.of("machine", "PID", "CMD"));
        String[] row = r.next();
        assertThat(new String[] {row[p[0]], row[p[1]], row[p[2]]}).containsExactly("4", "12", "sshd");
        assertThat(r.header().indexOf("nope")).isEqualTo(-1);
        assertThat(r.header().has("PID")).isTrue();
    }

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
        String text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,,3\n";
        List<String[]> rows = rows(CsvReader.of(new StringReader(text), "t.csv"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly("x, y", "say \"hi\"", "two\nlines");
        assertThat(rows.get(1)).containsExactly("1", "", "3");
    }

    @Test
    void handlesCrlfBomBlankCellsAndBlankLines() throws IOException {
        String text = "\uFEFFsequence,machine,MINFLT\r\n1,4,\r\n\r\n2,5, 2.5K\r\n3,6,\"\"";
        CsvReader r = CsvReader.of(new StringReader(text), "t.csv");
        assertThat(r.header().names()).containsExactly("sequence", "machine", "MINFLT");
        List<String[]> rows = rows(r);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsExactly("1", "4", "");
        assertThat(rows.get(1)).containsExactly("2", "5", " 2.5K");
        assertThat(rows.get(2)).containsExactly("3", "6", "");
    }

    @Test
    void reportsTheLineOfEachRecord() throws IOException {
        CsvReader r = CsvReader.of(new StringReader("a,b\n1,2\n\"x\ny\",3\n4,5\n"), "t.csv");
        r.next();
        assertThat(r.recordLine()).isEqualTo(2);
        r.next();
        assertThat(r.recordLine()).isEqualTo(3);
        r.next();
        assertThat(r.recordLine()).isEqualTo(5);
    }

    @Test
    void shortAndLongRowsAreReturnedForTheCallerToJudge() throws IOException {
        List<String[]> rows = rows(CsvReader.of(new StringReader("a,b,c\n1,2\n1,2,3,4\n"), "t.csv"));
        assertThat(rows.get(0)).hasSize(2);
        assertThat(rows.get(1)).hasSize(4);
    }

    @Test
    void namesTheFileAndColumnThatIsMissing() throws IOException {
        CsvReader r = CsvReader.of(new StringReader("sequence,PID\n"), "data/p.csv");
        assertThatThrownBy(() -> r.header().require(List.of("PID", "machine")))
            .isInstanceOf(CsvException.class)
            .hasMessageContaining("data/p.csv")
            .hasMessageContaining("'machine'");
    }

    @Test
    void emptyAndMissingFilesAreClearErrors(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertThatThrownBy(() -> CsvReader.open(empty)).isInstanceOf(CsvException.class)
            .hasMessageContaining("empty.csv").hasMessageContaining("empty");
        assertThatThrownBy(() -> CsvReader.open(dir.resolve("nope.csv"))).isInstanceOf(CsvException.class)
            .hasMessageContaining("nope.csv").hasMessageContaining("no such file");
    }

    @Test
    void anUnclosedQuoteIsAnError() throws IOException {
        CsvReader r = CsvReader.of(new StringReader("a\n\"open\n"), "t.csv");
        assertThatThrownBy(r::next).isInstanceOf(CsvException.class).hasMessageContaining("t.csv:2");
    }
}

package dev.stophack.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvException;
import dev.stophack.csv.CsvReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventEncoderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void memoryEventCarriesEveryColumnAndTheEventTime() throws IOException {
        // columns deliberately out of TON_IoT order, with a label column the event must not carry
        String csv = "CMD,MEM,RGROW,VGROW,RSIZE,VSIZE,VSTEXT,MAJFLT,MINFLT,PID,machine,sequence,attack\n"
                + "<kworker>,0.05,-3.5M, 12M,,1.2G,540K,0,2.5K,1201,4,17,1\n";
        CsvReader reader = CsvReader.of(new StringReader(csv), "m.csv");
        EventEncoder encoder = new EventEncoder(EventKind.MEMORY, reader.header());
        JsonNode json = MAPPER.readTree(encoder.encode(reader.next(), 1_700_000_000L));

        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        List<String> expected = new ArrayList<>(EventKind.MEMORY.columns());
        expected.add("ts");
        assertThat(fields).containsExactlyElementsOf(expected);

        assertThat(json.get("sequence").isIntegralNumber()).isTrue();
        assertThat(json.get("sequence").asLong()).isEqualTo(17);
        assertThat(json.get("machine").asInt()).isEqualTo(4);
        assertThat(json.get("PID").asInt()).isEqualTo(1201);
        assertThat(json.get("MINFLT").textValue()).isEqualTo("2.5K");
        assertThat(json.get("MAJFLT").isNumber()).isTrue();
        assertThat(json.get("VSTEXT").textValue()).isEqualTo("540K");
        assertThat(json.get("VSIZE").textValue()).isEqualTo("1.2G");
        assertThat(json.get("RSIZE").textValue()).isEmpty();
        assertThat(json.get("VGROW").textValue()).isEqualTo(" 12M");
        assertThat(json.get("RGROW").textValue()).isEqualTo("-3.5M");
        assertThat(json.get("MEM").isDouble()).isTrue();
        assertThat(json.get("MEM").asDouble()).isEqualTo(0.05);
        assertThat(json.get("CMD").textValue()).isEqualTo("<kworker>");
        assertThat(json.get("ts").asLong()).isEqualTo(1_700_000_000L);
        assertThat(json.has("attack")).isFalse();
    }

    @Test
    void processEventKeepsCodesAsStringsAndQuotesSafely() throws IOException {
        String csv = String.join(",", EventKind.PROCESS.columns()) + "\n"
                + "1,5,77,1,3,0,norm,0,120,0,1,--,0,S,007,\"python3 \"\"x\"\", y\"\n";
        CsvReader reader = CsvReader.of(new StringReader(csv), "p.csv");
        JsonNode json = MAPPER.readTree(new EventEncoder(EventKind.PROCESS, reader.header()).encode(reader.next(), 5));
        assertThat(json.get("POLI").textValue()).isEqualTo("norm");
        assertThat(json.get("Status").textValue()).isEqualTo("--");
        assertThat(json.get("NICE").asInt()).isZero();
        assertThat(json.get("CPU").textValue()).as("not a JSON number, so it stays a string").isEqualTo("007");
        assertThat(json.get("CMD").textValue()).isEqualTo("python3 \"x\", y");
    }

    @Test
    void aShortRowGivesBlankFieldsNotAnException() throws IOException {
        CsvReader reader = CsvReader.of(new StringReader(String.join(",", EventKind.MEMORY.columns()) + "\n1,4\n"), "m.csv");
        JsonNode json = MAPPER.readTree(new EventEncoder(EventKind.MEMORY, reader.header()).encode(reader.next(), 5));
        assertThat(json.get("CMD").textValue()).isEmpty();
    }

    @Test
    void aMissingColumnIsNamed() throws IOException {
        CsvReader reader = CsvReader.of(new StringReader("sequence,machine,PID\n"), "p.csv");
        assertThatThrownBy(() -> new EventEncoder(EventKind.PROCESS, reader.header()))
            .isInstanceOf(CsvException.class).hasMessageContaining("'TRUN'");
    }

    @Test
    void jsonNumberGrammar() {
        for (String yes : List.of("0", "-0", "12", "-12", "1.5", "0.25", "1e5", "1E+5", "2.5e-3")) {
            assertThat(EventEncoder.isJsonNumber(yes)).as(yes).isTrue();
        }
        for (String no : List.of("", "-", "007", "1.", ".5", "+1", " 1", "1 ", "2.5K", "1e", "NaN", "--")) {
            assertThat(EventEncoder.isJsonNumber(no)).as(no).isFalse();
        }
    }
}

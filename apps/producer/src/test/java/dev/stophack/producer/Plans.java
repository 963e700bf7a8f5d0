package dev.stophack.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvReader;
import dev.stophack.producer.schedule.Cycle;
import dev.stophack.producer.schedule.Planner;
import dev.stophack.producer.schedule.ScheduleSettings;
import dev.stophack.producer.source.StreamData;
import dev.stophack.producer.source.StreamLoader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/** What a run should have sent, worked out independently of Kafka, and the event contract check. */
public final class Plans {
    private Plans() {
    }

    public static StreamData load(Path csv, EventKind kind) throws IOException {
        try (CsvReader reader = CsvReader.open(csv)) {
            return new StreamLoader(kind).load(reader);
        }
    }

    /** The cycles a run of {@code cycles} cycles with {@code seed} plans (times are placeholders). */
    public static List<Cycle> cycles(StreamData data, ScheduleSettings settings, long seed, int cycles) {
        Planner planner = new Planner(data.machines(), settings, new SplittableRandom(seed));
        List<Cycle> plan = new ArrayList<>();
        for (int c = 1; c <= cycles; c++) {
            plan.add(planner.next(c, c < cycles));
        }
        return plan;
    }

    /**
     * {@code event} is the contract's JSON for {@code row}: exactly the kind's columns plus ts, in
     * that order; plain numbers as JSON numbers, everything else as the CSV's own string.
     */
    public static void assertEventOf(JsonNode event, EventKind kind, StreamData data, String[] row, long ts) {
        List<String> fields = new ArrayList<>();
        event.fieldNames().forEachRemaining(fields::add);
        List<String> expected = new ArrayList<>(kind.columns());
        expected.add("ts");
        assertThat(fields).containsExactlyElementsOf(expected);
        for (String column : kind.columns()) {
            String cell = row[data.header().indexOf(column)];
            JsonNode value = event.get(column);
            if (isPlainNumber(cell)) {
                assertThat(value.isNumber()).as("%s = %s is a JSON number", column, cell).isTrue();
                assertThat(value.decimalValue()).as(column).isEqualByComparingTo(new BigDecimal(cell));
            } else {
                assertThat(value.isTextual()).as("%s = '%s' is a JSON string", column, cell).isTrue();
                assertThat(value.textValue()).as(column).isEqualTo(cell);
            }
        }
        assertThat(event.get("ts").isIntegralNumber()).isTrue();
        assertThat(event.get("ts").asLong()).isEqualTo(ts);
    }

    private static boolean isPlainNumber(String cell) {
        return cell.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");
    }

    /** The rows of {@code data}'s machine {@code machine} in order, starting again after the last, forever. */
    public static Iterator<String[]> rowsOf(StreamData data, String machine) {
        var rows = data.machines().stream().filter(m -> m.machine().equals(machine)).findFirst().orElseThrow();
        return new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String[] next() {
                String[] row = rows.row(next);
                next = (next + 1) % rows.size();
                return row;
            }
        };
    }
}

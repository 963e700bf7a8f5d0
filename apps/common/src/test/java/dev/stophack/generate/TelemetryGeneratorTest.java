package dev.stophack.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvReader;
import dev.stophack.normalise.Command;
import dev.stophack.normalise.RawNumber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryGeneratorTest {
    private static final List<Integer> MACHINES = List.of(4, 5, 6);
    private static final Set<String> TYPES = Set.of("normal", "ddos", "dos", "injection", "password", "scanning",
            "xss", "backdoor", "ransomware", "mitm");

    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws IOException {
        new TelemetryGenerator(new TelemetryGenerator.Options(MACHINES, 20_000, 5_000, 7)).writeAll(dir, false);
    }

    private static List<Map<String, String>> read(String file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (CsvReader reader = CsvReader.open(dir.resolve(file))) {
            List<String> names = reader.header().names();
            for (String[] r; (r = reader.next()) != null; ) {
                assertThat(r).as("row %s of %s", reader.recordLine(), file).hasSize(names.size());
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < r.length; i++) {
                    row.put(names.get(i), r[i]);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void writesTheFourFilesInTonIotColumnOrder() throws IOException {
        assertThat(Files.readAllLines(dir.resolve(TelemetryGenerator.PROCESS_TRAIN)).get(0))
            .isEqualTo(String.join(",", EventKind.PROCESS.columns()) + ",attack,type");
        assertThat(Files.readAllLines(dir.resolve(TelemetryGenerator.MEMORY_TRAIN)).get(0))
            .isEqualTo(String.join(",", EventKind.MEMORY.columns()) + ",attack,type");
        assertThat(Files.readAllLines(dir.resolve(TelemetryGenerator.PROCESS_STREAM)).get(0))
            .isEqualTo(String.join(",", EventKind.PROCESS.columns()));
        assertThat(Files.readAllLines(dir.resolve(TelemetryGenerator.MEMORY_STREAM)).get(0))
            .isEqualTo(String.join(",", EventKind.MEMORY.columns()));
        assertThat(read(TelemetryGenerator.PROCESS_TRAIN)).hasSize(20_000);
        assertThat(read(TelemetryGenerator.MEMORY_STREAM)).hasSize(5_000);
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherData(@TempDir Path again, @TempDir Path other) throws IOException {
        new TelemetryGenerator(new TelemetryGenerator.Options(MACHINES, 20_000, 5_000, 7)).writeAll(again, false);
        new TelemetryGenerator(new TelemetryGenerator.Options(MACHINES, 20_000, 5_000, 8)).writeAll(other, false);
        for (String f : List.of(TelemetryGenerator.PROCESS_TRAIN, TelemetryGenerator.MEMORY_TRAIN,
                TelemetryGenerator.PROCESS_STREAM, TelemetryGenerator.MEMORY_STREAM)) {
            assertThat(Files.mismatch(dir.resolve(f), again.resolve(f))).as(f).isEqualTo(-1);
            assertThat(Files.mismatch(dir.resolve(f), other.resolve(f))).as(f).isNotEqualTo(-1);
        }
    }

    @Test
    void labelsAreConsistentAndEveryTypeOccurs() throws IOException {
        List<Map<String, String>> rows = read(TelemetryGenerator.PROCESS_TRAIN);
        Map<String, Integer> byType = new HashMap<>();
        int attacks = 0;
        for (Map<String, String> r : rows) {
            String type = r.get("type");
            assertThat(TYPES).contains(type);
            assertThat(r.get("attack")).isEqualTo(type.equals("normal") ? "0" : "1");
            byType.merge(type, 1, Integer::sum);
            attacks += r.get("attack").equals("1") ? 1 : 0;
        }
        assertThat(byType.keySet()).containsExactlyInAnyOrderElementsOf(TYPES);
        assertThat((double) attacks / rows.size()).isBetween(0.05, 0.40);
    }

    @Test
    void valuesFollowAtopSemantics() throws IOException {
        for (Map<String, String> r : read(TelemetryGenerator.PROCESS_TRAIN)) {
            int nice = Integer.parseInt(r.get("NICE"));
            int pri = Integer.parseInt(r.get("PRI"));
            int rtpr = Integer.parseInt(r.get("RTPR"));
            assertThat(nice).isBetween(-20, 19);
            assertThat(pri).isBetween(0, 139);
            assertThat(rtpr).isBetween(0, 99);
            assertThat(r.get("POLI")).isIn("norm", "btch", "idle", "fifo", "rr");
            if (r.get("POLI").equals("norm")) {
                assertThat(nice).isEqualTo(pri - 120);
            }
            assertThat(r.get("Status")).hasSize(2).matches("[-N][-ESC]");
            assertThat(r.get("State")).isIn("R", "S", "D", "Z", "T", "E");
            assertThat(Command.of(r.get("CMD")).ended()).isEqualTo(r.get("State").equals("E"));
            for (String c : List.of("TRUN", "TSLPI", "TSLPU", "CPU", "CPUNR", "EXC")) {
                assertThat(RawNumber.value(r.get(c))).as(c).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void memorySizesUseUnitsAndFinishedProcessesHaveNone() throws IOException {
        boolean sawSuffix = false;
        boolean sawNegativeGrowth = false;
        int finished = 0;
        for (Map<String, String> r : read(TelemetryGenerator.MEMORY_TRAIN)) {
            boolean ended = Command.of(r.get("CMD")).ended();
            for (String c : EventKind.MEMORY.numericColumns()) {
                String raw = r.get(c);
                RawNumber.Result v = RawNumber.parse(raw);
                if (ended && List.of("VSTEXT", "VSIZE", "RSIZE", "VGROW", "RGROW").contains(c)) {
                    assertThat(v.reason()).isEqualTo(RawNumber.BLANK);
                } else {
                    assertThat(v.ok()).as("%s=%s", c, raw).isTrue();
                }
                sawSuffix |= raw.matches("-?[0-9.]+[KMG]");
                sawNegativeGrowth |= raw.startsWith("-");
            }
            finished += ended ? 1 : 0;
        }
        assertThat(sawSuffix).isTrue();
        assertThat(sawNegativeGrowth).isTrue();
        assertThat(finished).isPositive();
    }

    @Test
    void processAndMemoryRowsDescribeTheSameProcesses() throws IOException {
        List<Map<String, String>> process = read(TelemetryGenerator.PROCESS_STREAM);
        List<Map<String, String>> memory = read(TelemetryGenerator.MEMORY_STREAM);
        assertThat(process).hasSameSizeAs(memory);
        Set<String> machines = new HashSet<>();
        for (int i = 0; i < process.size(); i++) {
            Map<String, String> p = process.get(i);
            Map<String, String> m = memory.get(i);
            assertThat(m.get("machine")).isEqualTo(p.get("machine"));
            assertThat(m.get("PID")).isEqualTo(p.get("PID"));
            assertThat(m.get("CMD")).isEqualTo(p.get("CMD"));
            assertThat(Long.parseLong(p.get("sequence"))).isEqualTo(i + 1);
            machines.add(p.get("machine"));
        }
        assertThat(machines).containsExactlyInAnyOrder("4", "5", "6");
    }

    @Test
    void manyRowsRepeatAsInTheRealData() throws IOException {
        List<Map<String, String>> rows = read(TelemetryGenerator.PROCESS_TRAIN);
        Set<String> distinct = new HashSet<>();
        for (Map<String, String> r : rows) {
            Map<String, String> copy = new HashMap<>(r);
            copy.remove("sequence");
            distinct.add(copy.toString());
        }
        assertThat(distinct.size()).isLessThan(rows.size() * 3 / 4);
    }
}

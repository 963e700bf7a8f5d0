package dev.stophack.generate.weblog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeblogGeneratorTest {
    /** A reference reading of the three formats, independent of the streaming job's parser. */
    static final Pattern LINE = Pattern.compile(
            "^(\\S+) - - \\[([^\\]]+)\\] \"(GET|HEAD|POST) (/\\S*) (HTTP/\\d\\.\\d)\" (\\d{3}) (\\d+|-)( \"[^\"]*\" \"[^\"]*\")?$");
    static final DateTimeFormatter SEED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final DateTimeFormatter APACHE_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
    static final Instant START = Instant.parse("2024-05-18T12:00:00Z");

    @TempDir
    static Path dir;
    static WeblogGenerator.Summary summary;
    static List<Line> lines;

    record Line(String host, long second, String path, int status, String raw) {
    }

    @BeforeAll
    static void generate() throws IOException {
        summary = new WeblogGenerator(new WeblogGenerator.Options(200_000, Duration.ofHours(2), START, LineFormat.SEED, 2,
                0.0005, 11)).writeAll(dir.resolve("seed"), false);
        lines = read(summary.log());
    }

    static List<Line> read(Path log) throws IOException {
        List<Line> out = new ArrayList<>();
        for (String raw : Files.readAllLines(log)) {
            Matcher m = LINE.matcher(raw);
            if (!m.matches()) {
                out.add(new Line(null, -1, null, -1, raw));
                continue;
            }
            String t = m.group(2);
            long second;
            try {
                second = t.contains("/") ? java.time.OffsetDateTime.parse(t, APACHE_TIME).toEpochSecond()
                        : LocalDateTime.parse(t, SEED_TIME).toEpochSecond(ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException e) {
                second = -1;
            }
            out.add(new Line(m.group(1), second, m.group(4), Integer.parseInt(m.group(6)), raw));
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
        WeblogGenerator.Options options = new WeblogGenerator.Options(20_000, Duration.ofMinutes(40), START, LineFormat.COMBINED,
                1, 0.001, 5);
        Path a = new WeblogGenerator(options).writeAll(dir.resolve("a"), false).log();
        Path b = new WeblogGenerator(options).writeAll(dir.resolve("b"), false).log();
        assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
        assertThat(Files.mismatch(a.resolveSibling(WeblogGenerator.INCIDENTS), b.resolveSibling(WeblogGenerator.INCIDENTS)))
                .isEqualTo(-1L);
        WeblogGenerator.Options other = new WeblogGenerator.Options(20_000, Duration.ofMinutes(40), START,
                LineFormat.COMBINED, 1, 0.001, 6);
        assertThat(Files.mismatch(a, new WeblogGenerator(other).writeAll(dir.resolve("c"), false).log())).isNotEqualTo(-1L);
    }

    @Test
    void aboutTheLinesAskedForInTheLogsTimeInEveryFormat() throws IOException {
        assertThat(summary.lines()).isBetween(195_000L, 205_000L);
        assertThat(lines).hasSize((int) summary.lines());
        long readable = lines.stream().filter(l -> l.second() >= 0).count();
        assertThat(summary.lines() - readable).as("malformed lines are those the summary counts").isEqualTo(summary.malformed());
        assertThat(summary.malformed()).isBetween(50L, 160L);
        assertThat(lines.stream().filter(l -> l.second() >= 0))
                .allMatch(l -> l.second() >= START.getEpochSecond() && l.second() < START.plus(Duration.ofHours(2)).getEpochSecond());
        assertThat(lines.stream().filter(l -> l.host() != null && l.host().contains(":")).count())
                .as("some clients are IPv6").isGreaterThan(1_000);
        assertThat(lines.stream().filter(l -> l.raw().endsWith(" -")).count()).as("bytes '-' for 304 and HEAD").isGreaterThan(1_000);
        for (LineFormat format : List.of(LineFormat.COMMON, LineFormat.COMBINED)) {
            WeblogGenerator.Summary s = new WeblogGenerator(new WeblogGenerator.Options(5_000, Duration.ofMinutes(30), START,
                    format, 0, 0, 3)).writeAll(dir.resolve(format.name()), false);
            List<Line> read = read(s.log());
            assertThat(read).allMatch(l -> l.second() >= START.getEpochSecond(), "every line readable");
            assertThat(read.get(0).raw()).contains("[18/May/2024:12:00:0").contains(" +0000]");
            assertThat(read.get(0).raw().endsWith("\"")).isEqualTo(format == LineFormat.COMBINED);
        }
    }

    @Test
    void theGroundTruthListsSeparateIncidentsOfEachType() throws IOException {
        List<Incident> truth = IncidentFile.read(summary.groundTruth());
        assertThat(truth).isEqualTo(summary.incidents()).hasSize(6);
        for (IncidentType type : IncidentType.values()) {
            assertThat(truth).filteredOn(i -> i.type() == type).hasSize(2);
        }
        for (int i = 0; i < truth.size(); i++) {
            Incident incident = truth.get(i);
            assertThat(incident.start()).isAfterOrEqualTo(START.plus(IncidentPlan.CLEAN_START));
            assertThat(Duration.between(incident.start(), incident.end())).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(8));
            if (i > 0) {
                assertThat(Duration.between(truth.get(i - 1).end(), incident.start()))
                        .as("quiet log between incidents").isGreaterThanOrEqualTo(Duration.ofMinutes(4));
            }
        }
    }

    @Test
    void normalClientsStayFarBelowTheRateLimitAndAnswer404Rarely() throws IOException {
        Path clean = new WeblogGenerator(new WeblogGenerator.Options(200_000, Duration.ofHours(2), START, LineFormat.SEED, 0,
                0, 11)).writeAll(dir.resolve("clean"), false).log();
        Map<String, Map<Long, Integer>> perHostMinute = new HashMap<>();
        Map<Long, int[]> perMinute = new HashMap<>();
        for (Line l : read(clean)) {
            perHostMinute.computeIfAbsent(l.host(), h -> new HashMap<>()).merge(l.second() / 60, 1, Integer::sum);
            int[] m = perMinute.computeIfAbsent(l.second() / 60, k -> new int[2]);
            m[0]++;
            m[1] += l.status() == 404 ? 1 : 0;
        }
        int busiest = perHostMinute.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).max()
                .orElseThrow();
        assertThat(busiest).as("the busiest client-minute, against a limit of 600").isLessThan(250);
        assertThat(perMinute.values()).allMatch(m -> m[1] < 0.06 * m[0], "404 share of every minute under 6%");
    }

    @Test
    void eachIncidentLooksLikeWhatItIs() {
        for (Incident incident : summary.incidents()) {
            long seconds = incident.end().getEpochSecond() - incident.start().getEpochSecond();
            List<Line> during = lines.stream().filter(l -> incident.covers(l.second())).toList();
            switch (incident.type()) {
                case ABUSIVE_HOST -> {
                    long mine = during.stream().filter(l -> incident.host().equals(l.host())).count();
                    assertThat((double) mine / seconds).isCloseTo(incident.intensity(), org.assertj.core.data.Percentage.withPercentage(15));
                    assertThat(incident.intensity()).isGreaterThan(10);
                }
                case URL_SCAN -> {
                    List<Line> mine = during.stream().filter(l -> incident.host().equals(l.host())).toList();
                    Set<String> paths = new HashSet<>();
                    mine.forEach(l -> paths.add(l.path()));
                    assertThat(mine.stream().filter(l -> l.status() == 404).count()).isGreaterThan(mine.size() * 8L / 10);
                    assertThat(paths.size()).isGreaterThan(mine.size() * 9 / 10);
                    assertThat(incident.intensity()).isLessThan(10);
                }
                case ERROR_STORM -> {
                    long storm = during.stream().filter(l -> l.status() == incident.status()).count();
                    assertThat((double) storm / during.size()).isCloseTo(incident.intensity(),
                            org.assertj.core.data.Offset.offset(0.03));
                    assertThat(incident.status()).isBetween(500, 599);
                }
            }
            assertThat(lines.stream().filter(l -> l.second() >= 0 && incident.host() != null && incident.host().equals(l.host()))
                    .allMatch(l -> incident.covers(l.second()))).as("an attacker is seen only during its incident").isTrue();
        }
    }

    @Test
    void aSpanTooShortForTheIncidentsIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new WeblogGenerator(new WeblogGenerator.Options(1_000, Duration.ofMinutes(20), START,
                LineFormat.SEED, 2, 0, 1)).writeAll(dir.resolve("short"), false))
                .hasMessageContaining("no room for 2 incidents");
        assertThatThrownBy(() -> LineFormat.of("nginx")).hasMessageContaining("seed, common or combined");
    }
}

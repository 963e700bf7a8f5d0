package dev.stophack.streaming.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvReader;
import dev.stophack.events.EventEncoder;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {
    static final long TS = 1_700_000_000L;
    static final long KAFKA_MICROS = TS * 1_000_000L + 2_000_000L;
    /** The job reads a record a little after Kafka got it. */
    static final long READ_MICROS = KAFKA_MICROS + 3_000_000L;

    final EventParser process = new EventParser(EventKind.PROCESS, new Plausibility(Duration.ofHours(1)));
    final EventParser memory = new EventParser(EventKind.MEMORY, new Plausibility(Duration.ofHours(1)));

    static byte[] encode(EventKind kind, String csvRow) {
        try (CsvReader csv = CsvReader.of(new StringReader(String.join(",", kind.columns()) + "\n"), "test")) {
            return new EventEncoder(kind, csv.header()).encode(csvRow.split(",", -1), TS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static int index(EventKind kind, String column) {
        return kind.numericColumns().indexOf(column);
    }

    @Test
    void readsAProcessEventAsTheProducerEncodesIt() {
        ParsedEvent e = process.parse(encode(EventKind.PROCESS, "7,4,1201,1,3,0, norm ,5,110,0,1,--,0,S,12.5,sshd"),
                KAFKA_MICROS, READ_MICROS);
        assertThat(e.ok()).as(String.valueOf(e.reasonText())).isTrue();
        assertThat(e.eventTimeMicros()).isEqualTo(TS * 1_000_000L);
        assertThat(java.time.LocalDate.ofEpochDay(e.eventDay())).isEqualTo(java.time.LocalDate.of(2023, 11, 14));
        assertThat(e.sequence()).isEqualTo(7);
        assertThat(e.machine()).isEqualTo(4);
        assertThat(e.pid()).isEqualTo(1201);
        assertThat(e.command()).isEqualTo("sshd");
        assertThat(e.commandPid()).isEqualTo("sshd_1201");
        assertThat(e.number(index(EventKind.PROCESS, "CPU"))).isEqualTo(12.5);
        assertThat(e.number(index(EventKind.PROCESS, "NICE"))).as("NICE = PRI - 120, not the reported 5").isEqualTo(-10.0);
        assertThat(e.code(EventKind.PROCESS.categoricalColumns().indexOf("POLI"))).isEqualTo("norm");
        assertThat(e.code(EventKind.PROCESS.categoricalColumns().indexOf("Status"))).isEqualTo("--");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "12                | 12.0",
        "2.5K              | 2500.0",
        "' 12M'            | 12000000.0",
        "1.2G              | 1200000000.0",
        "3T                | 3000000000000.0",
        "4B                | 4.0",
        "50%               | 50.0",
        "2.5k              | 2500.0",
        "' 3 K'            | 3000.0",
        "0.5               | 0.5",
        "-                 | NULL",
        "OVFLOW            | NULL",
        "ovflow            | NULL",
        "''                | NULL",
        "'   '             | NULL",
    })
    void normalisesEveryRawSizeFormat(String raw, Double expected) {
        ParsedEvent e = memory.parse(encode(EventKind.MEMORY, "1,5,300," + raw + ",0,0,0,0,0,0,0.1,java"), KAFKA_MICROS, READ_MICROS);
        assertThat(e.ok()).as(String.valueOf(e.reasonText())).isTrue();
        double v = e.number(index(EventKind.MEMORY, "MINFLT"));
        if (expected == null) {
            assertThat(v).isNaN();
        } else {
            assertThat(v).isEqualTo(expected);
        }
    }

    @Test
    void growthMayBeNegative() {
        ParsedEvent e = memory.parse(encode(EventKind.MEMORY, "1,5,300,0,0,0,0,0,-3.5M,-12K,0.1,java"), KAFKA_MICROS, READ_MICROS);
        assertThat(e.ok()).isTrue();
        assertThat(e.number(index(EventKind.MEMORY, "VGROW"))).isEqualTo(-3_500_000.0);
        assertThat(e.number(index(EventKind.MEMORY, "RGROW"))).isEqualTo(-12_000.0);
    }

    @Test
    void anEndedProcessWithBlankSizesIsAnEventWithNulls() {
        ParsedEvent e = memory.parse(encode(EventKind.MEMORY, "9,6,77,,,,,,,,,<kworker>"), KAFKA_MICROS, READ_MICROS);
        assertThat(e.ok()).as(String.valueOf(e.reasonText())).isTrue();
        for (int i = 0; i < EventKind.MEMORY.numericColumns().size(); i++) {
            assertThat(e.number(i)).isNaN();
        }
        assertThat(e.commandPid()).isEqualTo("<kworker>_77");
    }

    @Test
    void acceptsJsonNullsFractionalTimesStringIdsAndUnknownFields() {
        ParsedEvent e = process.parse(json("{\"extra\":{\"a\":[1,2]},\"machine\":\"4\",\"PID\":12,\"CPU\":null,"
                + "\"PRI\":\"120\",\"POLI\":7,\"CMD\":null,\"ts\":1700000000.25}"), KAFKA_MICROS, READ_MICROS);
        assertThat(e.ok()).as(String.valueOf(e.reasonText())).isTrue();
        assertThat(e.machine()).isEqualTo(4);
        assertThat(e.eventTimeMicros()).isEqualTo(1_700_000_000_250_000L);
        assertThat(e.number(index(EventKind.PROCESS, "CPU"))).isNaN();
        assertThat(e.number(index(EventKind.PROCESS, "NICE"))).isEqualTo(0.0);
        assertThat(e.code(0)).as("a number in a code column is kept as text").isEqualTo("7");
        assertThat(e.hasSequence()).isFalse();
        assertThat(e.commandPid()).as("as concat_ws: no command, just the PID").isEqualTo("12");
    }

    record Bad(String json, DeadLetterReason reason, String detail) {
    }

    @Test
    void saysWhyEveryKindOfUnreadableRecordIsRejected() {
        String ok = "\"machine\":4,\"PID\":1,\"ts\":" + TS;
        List<Bad> cases = List.of(
                new Bad("hello", DeadLetterReason.NOT_JSON, ""),
                new Bad("{\"ts\":", DeadLetterReason.NOT_JSON, ""),
                new Bad("", DeadLetterReason.NOT_JSON, "empty value"),
                new Bad("{" + ok + "} {}", DeadLetterReason.NOT_JSON, "content after"),
                new Bad("[1,2]", DeadLetterReason.NOT_AN_OBJECT, "array"),
                new Bad("42", DeadLetterReason.NOT_AN_OBJECT, "number"),
                new Bad("{\"machine\":4,\"PID\":1}", DeadLetterReason.MISSING_FIELD, "ts"),
                new Bad("{\"PID\":1,\"ts\":" + TS + "}", DeadLetterReason.MISSING_FIELD, "machine"),
                new Bad("{\"machine\":4,\"PID\":null,\"ts\":" + TS + "}", DeadLetterReason.MISSING_FIELD, "PID"),
                new Bad("{\"machine\":4,\"PID\":\" \",\"ts\":" + TS + "}", DeadLetterReason.MISSING_FIELD, "PID"),
                new Bad("{\"machine\":4,\"PID\":1,\"ts\":\"yesterday\"}", DeadLetterReason.NOT_A_NUMBER, "ts"),
                new Bad("{\"machine\":\"four\",\"PID\":1,\"ts\":" + TS + "}", DeadLetterReason.NOT_A_NUMBER, "machine"),
                new Bad("{\"machine\":4,\"PID\":12.5,\"ts\":" + TS + "}", DeadLetterReason.NOT_A_NUMBER, "PID"),
                new Bad("{\"machine\":[4],\"PID\":1,\"ts\":" + TS + "}", DeadLetterReason.NOT_A_NUMBER, "machine"),
                new Bad("{\"machine\":4,\"PID\":99999999999,\"ts\":" + TS + "}", DeadLetterReason.NOT_A_NUMBER, "PID"),
                new Bad("{" + ok + ",\"CPU\":\"12Q\"}", DeadLetterReason.UNPARSEABLE_NUMBER, "CPU=\"12Q\""),
                new Bad("{" + ok + ",\"CPU\":true}", DeadLetterReason.UNPARSEABLE_NUMBER, "CPU"),
                new Bad("{" + ok + ",\"CPU\":1e999}", DeadLetterReason.UNPARSEABLE_NUMBER, "out of range"),
                new Bad("{" + ok + ",\"CPU\":-5}", DeadLetterReason.ABSURD_VALUE, "negative CPU"),
                new Bad("{\"machine\":4,\"PID\":-1,\"ts\":" + TS + "}", DeadLetterReason.ABSURD_VALUE, "negative PID"),
                new Bad("{\"machine\":4,\"PID\":1,\"ts\":0}", DeadLetterReason.ABSURD_VALUE, "1970"),
                new Bad("{\"machine\":4,\"PID\":1,\"ts\":" + (TS + 86_400) + "}", DeadLetterReason.ABSURD_VALUE,
                        "after the Kafka timestamp"),
                new Bad("{" + ok + ",\"CMD\":{\"name\":\"x\"}}", DeadLetterReason.WRONG_TYPE, "CMD"));
        for (Bad bad : cases) {
            ParsedEvent e = process.parse(json(bad.json()), KAFKA_MICROS, READ_MICROS);
            assertThat(e.ok()).as(bad.json()).isFalse();
            assertThat(e.reason()).as(bad.json()).isEqualTo(bad.reason());
            assertThat(e.reasonText()).as(bad.json()).startsWith(bad.reason().code()).contains(bad.detail());
        }
    }

    @Test
    void bytesThatAreNotUtf8AreSaidToBeSoWhereverTheyAre() {
        String ok = "{\"machine\":4,\"PID\":1,\"ts\":" + TS;
        byte[] inCommand = latin1(ok + ",\"CMD\":\"caf\u00e9\"}");
        byte[] inUnknownField = latin1(ok + ",\"note\":\"\u00ff\"}");
        byte[] binary = new byte[] {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF};
        assertThat(process.parse(inCommand, KAFKA_MICROS, READ_MICROS).reasonText())
                .isEqualTo("invalid-utf8: byte 0xe9 at offset " + (ok.length() + 11));
        assertThat(process.parse(inUnknownField, KAFKA_MICROS, READ_MICROS).reason()).isEqualTo(DeadLetterReason.INVALID_UTF8);
        assertThat(process.parse(binary, KAFKA_MICROS, READ_MICROS).reasonText()).isEqualTo("invalid-utf8: byte 0xc3 at offset 0");
        assertThat(process.parse(json(ok + ",\"CMD\":\"caf\u00e9\"}"), KAFKA_MICROS, READ_MICROS).command())
                .as("the same text in UTF-8 is fine").isEqualTo("caf\u00e9");
    }

    @Test
    void veryDeepNestingIsTooDeepWhereverItIs() {
        String deep = "[".repeat(100_000);
        ParsedEvent inField = process.parse(json("{\"machine\":4,\"PID\":1,\"ts\":" + TS + ",\"extra\":" + deep),
                KAFKA_MICROS, READ_MICROS);
        assertThat(inField.reasonText()).isEqualTo("too-deep: nested deeper than 64 levels in extra");
        assertThat(process.parse(json(deep), KAFKA_MICROS, READ_MICROS).reasonText())
                .isEqualTo("too-deep: nested deeper than 64 levels");
        String fine = "[".repeat(60) + "]".repeat(60);
        assertThat(process.parse(json("{\"machine\":4,\"PID\":1,\"ts\":" + TS + ",\"extra\":" + fine + "}"),
                KAFKA_MICROS, READ_MICROS).ok()).as("an unknown field may nest a little").isTrue();
    }

    @Test
    void aNumberOfTwoThousandDigitsIsTooLong() {
        String digits = "7".repeat(2000);
        String ok = "{\"machine\":4,\"PID\":1,\"ts\":" + TS;
        assertThat(process.parse(json(ok + ",\"CPU\":" + digits + "}"), KAFKA_MICROS, READ_MICROS).reasonText())
                .isEqualTo("too-long: a number of more than 100 characters in CPU");
        assertThat(process.parse(json(ok + ",\"CPU\":0." + digits + "}"), KAFKA_MICROS, READ_MICROS).reason())
                .isEqualTo(DeadLetterReason.TOO_LONG);
        assertThat(process.parse(json("{\"machine\":4,\"PID\":" + digits + ",\"ts\":" + TS + "}"), KAFKA_MICROS,
                READ_MICROS).reasonText()).isEqualTo("too-long: a number of more than 100 characters in PID");
        assertThat(process.parse(json(ok + ",\"junk\":[" + digits + "]}"), KAFKA_MICROS, READ_MICROS).reasonText())
                .isEqualTo("too-long: a number of more than 100 characters in junk");
        assertThat(process.parse(json(ok + ",\"CPU\":\"" + digits + "\"}"), KAFKA_MICROS, READ_MICROS).reasonText())
                .isEqualTo("too-long: CPU is a text of 2000 characters (at most 1024)");
    }

    @Test
    void aMegabyteStringInAFieldTheJobKeepsIsTooLong() {
        String mega = "x".repeat(1 << 20);
        String ok = "{\"machine\":4,\"PID\":1,\"ts\":" + TS;
        assertThat(process.parse(json(ok + ",\"CMD\":\"" + mega + "\"}"), KAFKA_MICROS, READ_MICROS).reasonText())
                .isEqualTo("too-long: CMD is a text of 1048576 characters (at most 1024)");
        assertThat(process.parse(json(ok + ",\"State\":\"" + mega + "\"}"), KAFKA_MICROS, READ_MICROS).reason())
                .isEqualTo(DeadLetterReason.TOO_LONG);
        assertThat(process.parse(json(ok + ",\"CMD\":\"" + "x".repeat(1024) + "\"}"), KAFKA_MICROS, READ_MICROS).ok())
                .as("1024 characters are fine").isTrue();
        assertThat(process.parse(json(ok + ",\"comment\":\"" + mega + "\"}"), KAFKA_MICROS, READ_MICROS).ok())
                .as("an unknown field is skipped, whatever its size: nothing of it is kept").isTrue();
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aNegativeSizeIsAbsurdButOnlyInColumnsThatCannotBeNegative() {
        ParsedEvent e = memory.parse(encode(EventKind.MEMORY, "1,5,300,0,0,0,0,-3K,0,0,0.1,java"), KAFKA_MICROS, READ_MICROS);
        assertThat(e.reason()).isEqualTo(DeadLetterReason.ABSURD_VALUE);
        assertThat(e.reasonText()).contains("RSIZE");
    }

    @Test
    void theFutureIsMeasuredFromTheKafkaTimestampNotTheClock() {
        byte[] value = json("{\"machine\":4,\"PID\":1,\"ts\":" + (TS + 1800) + "}");
        assertThat(process.parse(value, KAFKA_MICROS, READ_MICROS).ok()).as("30 min ahead, tolerance 1 h").isTrue();
        EventParser strict = new EventParser(EventKind.PROCESS, new Plausibility(Duration.ofMinutes(10)));
        long readDaysLater = READ_MICROS + 3 * 86_400_000_000L;
        assertThat(strict.parse(value, KAFKA_MICROS, readDaysLater).reasonText())
                .as("the same verdict when the batch is replayed days later")
                .isEqualTo("absurd-value: ts is 1798 s after the Kafka timestamp (at most 600 s)");
    }

    @Test
    void aSmallLeadIsAcceptedByDefault() {
        EventParser defaults = new EventParser(EventKind.PROCESS, new Plausibility(Plausibility.DEFAULT_MAX_FUTURE));
        long kafka = TS * 1_000_000L;
        byte[] tenAhead = json("{\"machine\":4,\"PID\":1,\"ts\":" + (TS + 10) + "}");
        byte[] elevenAhead = json("{\"machine\":4,\"PID\":1,\"ts\":" + (TS + 11) + "}");
        assertThat(defaults.parse(tenAhead, kafka, kafka).ok()).isTrue();
        assertThat(defaults.parse(elevenAhead, kafka, kafka).reasonText())
                .isEqualTo("absurd-value: ts is 11 s after the Kafka timestamp (at most 10 s)");
    }

    @Test
    void aRecordWithoutKafkaTimestampIsJudgedByTheTimeTheJobReadIt() {
        byte[] value = json("{\"machine\":4,\"PID\":1,\"ts\":" + (TS + 1800) + "}");
        EventParser strict = new EventParser(EventKind.PROCESS, new Plausibility(Duration.ofMinutes(10)));
        for (long none : new long[] {0, -1, -1000}) {
            ParsedEvent e = strict.parse(value, none, TS * 1_000_000L);
            assertThat(e.reason()).as("Kafka timestamp %d", none).isEqualTo(DeadLetterReason.ABSURD_VALUE);
            assertThat(e.reasonText()).isEqualTo("absurd-value: ts is 1800 s after the time the job read it"
                    + " (the record has no Kafka timestamp) (at most 600 s)");
        }
        assertThat(strict.parse(value, 0, (TS + 1800) * 1_000_000L).ok()).as("read after its event time").isTrue();
    }

    @Test
    void aKafkaTimestampAheadOfTheJobsClockCountsOnlyUpToThatClock() {
        byte[] value = json("{\"machine\":4,\"PID\":1,\"ts\":" + (TS + 7200) + "}");
        long stampedAhead = (TS + 7200) * 1_000_000L; // a producer may stamp any time it likes
        assertThat(process.parse(value, stampedAhead, TS * 1_000_000L).reasonText())
                .isEqualTo("absurd-value: ts is 7200 s after the time the job read it (its Kafka timestamp is later"
                        + " still) (at most 3600 s)");
        assertThat(process.parse(value, stampedAhead, stampedAhead).ok()).as("read once that time came").isTrue();
    }

    @Test
    void oneParserReadsRecordAfterRecordWithoutLeftovers() {
        process.parse(encode(EventKind.PROCESS, "7,4,1201,1,3,0,norm,5,110,0,1,--,0,S,12.5,sshd"), KAFKA_MICROS, READ_MICROS);
        ParsedEvent e = process.parse(json("{\"machine\":5,\"PID\":2,\"ts\":" + TS + "}"), KAFKA_MICROS, READ_MICROS);
        assertThat(e.ok()).isTrue();
        assertThat(e.command()).isNull();
        assertThat(e.number(index(EventKind.PROCESS, "CPU"))).isNaN();
        assertThat(e.code(0)).isNull();
    }

    @Test
    void trimsOnlySpacesLikeSpark() {
        assertThat(EventParser.trimSpaces("  norm ")).isEqualTo("norm");
        assertThat(EventParser.trimSpaces("\tnorm")).isEqualTo("\tnorm");
        assertThat(EventParser.trimSpaces("   ")).isEmpty();
    }
}

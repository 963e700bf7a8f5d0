package dev.stophack.streaming.weblog.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.generate.weblog.LineFormat;
import dev.stophack.generate.weblog.WeblogGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessLogParserTest {
    static final long KAFKA_NOW = Instant.parse("2024-06-01T00:00:00Z").toEpochMilli();
    final AccessLogParser parser = new AccessLogParser(3600);

    ParsedLine parse(String line) {
        return parser.parse(line.getBytes(StandardCharsets.UTF_8), KAFKA_NOW);
    }

    @Test
    void theSeedsLine() {
        ParsedLine l = parse("168.178.113.108 - - [2004-05-18 05:58:48] \"GET /Archives/edgar/data/0001439124/000129281422000854/ HTTP/1.0\" 500 14101");
        assertThat(l.ok()).isTrue();
        assertThat(l.host()).isEqualTo("168.178.113.108");
        assertThat(Instant.ofEpochSecond(l.epochSecond())).isEqualTo(Instant.parse("2004-05-18T05:58:48Z"));
        assertThat(l.text(ParsedLine.METHOD)).isEqualTo("GET");
        assertThat(l.path()).isEqualTo("/Archives/edgar/data/0001439124/000129281422000854/");
        assertThat(l.text(ParsedLine.PROTOCOL)).isEqualTo("HTTP/1.0");
        assertThat(l.status()).isEqualTo(500);
        assertThat(l.bytes()).isEqualTo(14101);
        assertThat(l.isNull(ParsedLine.REFERER)).isTrue();
        assertThat(l.isNull(ParsedLine.USER_AGENT)).isTrue();
        assertThat(l.eventDay()).isEqualTo((int) java.time.LocalDate.parse("2004-05-18").toEpochDay());
    }

    @Test
    void apacheCommonAndCombinedWithTheirZones() {
        ParsedLine common = parse("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326");
        assertThat(common.ok()).isTrue();
        assertThat(Instant.ofEpochSecond(common.epochSecond())).isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
        assertThat(common.status()).isEqualTo(200);

        ParsedLine combined = parse("127.0.0.1 - - [10/Oct/2000:13:55:36 +0200] \"GET /a?b=c HTTP/1.1\" 200 2326"
                + " \"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"");
        assertThat(combined.ok()).isTrue();
        assertThat(Instant.ofEpochSecond(combined.epochSecond())).isEqualTo(Instant.parse("2000-10-10T11:55:36Z"));
        assertThat(combined.path()).isEqualTo("/a?b=c");
        assertThat(combined.text(ParsedLine.REFERER)).isEqualTo("http://www.example.com/start.html");
        assertThat(combined.text(ParsedLine.USER_AGENT)).isEqualTo("Mozilla/4.08 [en] (Win98; I ;Nav)");

        ParsedLine dashes = parse("10.1.1.1 - - [10/Oct/2000:13:55:36 +0000] \"GET / HTTP/1.1\" 304 - \"-\" \"-\" rt=0.002");
        assertThat(dashes.ok()).as("fields after the user agent are ignored").isTrue();
        assertThat(dashes.bytes()).as("'-' bytes: nothing sent").isZero();
        assertThat(dashes.isNull(ParsedLine.REFERER)).isTrue();
        assertThat(dashes.isNull(ParsedLine.USER_AGENT)).isTrue();
    }

    @Test
    void ipv6HostsHostNamesAndTheSeedTimeWithAZoneOrAT() {
        ParsedLine v6 = parse("2001:db8::7%eth0 - - [2004-05-18T05:58:48 +0100] \"HEAD /x HTTP/2.0\" 200 -");
        assertThat(v6.ok()).isTrue();
        assertThat(v6.host()).isEqualTo("2001:db8::7%eth0");
        assertThat(Instant.ofEpochSecond(v6.epochSecond())).isEqualTo(Instant.parse("2004-05-18T04:58:48Z"));
        assertThat(parse("::ffff:192.0.2.1 - - [2004-05-18 05:58:48] \"GET / HTTP/1.1\" 200 1").host()).isEqualTo("::ffff:192.0.2.1");
        assertThat(parse("crawl-66-249-66-1.googlebot.com - - [2004-05-18 05:58:48] \"GET / HTTP/1.1\" 200 1").ok()).isTrue();
    }

    @Test
    void requestsThatAreNotMethodTargetProtocolStillCount() {
        ParsedLine dash = parse("10.0.0.1 - - [2004-05-18 05:58:48] \"-\" 408 -");
        assertThat(dash.ok()).isTrue();
        assertThat(dash.isNull(ParsedLine.METHOD)).isTrue();
        assertThat(dash.isNull(ParsedLine.PATH)).isTrue();
        assertThat(dash.status()).isEqualTo(408);
        ParsedLine tls = parse("10.0.0.1 - - [2004-05-18 05:58:48] \"\\x16\\x03\\x01\\x02\\x00\\x01\" 400 226");
        assertThat(tls.ok()).isTrue();
        assertThat(tls.isNull(ParsedLine.PATH)).isTrue();
        ParsedLine old = parse("10.0.0.1 - - [2004-05-18 05:58:48] \"GET /index.html\" 200 10");
        assertThat(old.path()).isEqualTo("/index.html");
        assertThat(old.isNull(ParsedLine.PROTOCOL)).as("HTTP/0.9 names no protocol").isTrue();
        ParsedLine quoted = parse("10.0.0.1 - - [2004-05-18 05:58:48] \"GET /a\\\"b\\\\c HTTP/1.1\" 404 10 \"-\" \"say \\\"hi\\\"\"");
        assertThat(quoted.path()).isEqualTo("/a\"b\\c");
        assertThat(quoted.text(ParsedLine.USER_AGENT)).isEqualTo("say \"hi\"");
        assertThat(parse("10.0.0.1 - - [2004-05-18 05:58:48] \"GET /a b HTTP/1.1\" 400 10").path()).isEqualTo("/a b");
        assertThat(parse("10.0.0.1 - - [2004-05-18 05:58:48] \"GET /x HTTP/1.1\" 200 5\r\n").ok()).as("a line end is dropped").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "empty                    | ~~                                                                          | empty",
        "blank                    | ~   ~                                                                       | empty",
        "host only                | 10.0.0.1                                                                    | truncated",
        "cut before the time      | 10.0.0.1 - -                                                                | truncated",
        "cut in the time          | 10.0.0.1 - - [2004-05-18 05:5                                               | truncated",
        "cut after the time       | 10.0.0.1 - - [2004-05-18 05:58:48]                                          | truncated",
        "cut in the request       | 10.0.0.1 - - [2004-05-18 05:58:48] \"GET /Archi                             | truncated",
        "cut after the request    | 10.0.0.1 - - [2004-05-18 05:58:48] \"GET / HTTP/1.1\"                       | truncated",
        "cut after the status     | 10.0.0.1 - - [2004-05-18 05:58:48] \"GET / HTTP/1.1\" 200                   | truncated",
        "cut in the user agent    | 10.0.0.1 - - [2004-05-18 05:58:48] \"GET / HTTP/1.1\" 200 5 \"-\" \"Mozil   | truncated",
        "no ident and user        | 10.0.0.1 [2004-05-18 05:58:48] \"GET / HTTP/1.1\" 200 5                     | bad-format",
        "host with a slash        | 10.0.0.1/24 - - [2004-05-18 05:58:48] \"GET / HTTP/1.1\" 200 5              | bad-host",
        "host in quotes           | \"10.0.0.1\" - - [2004-05-18 05:58:48] \"GET / HTTP/1.1\" 200 5             | bad-host",
        "month 13                 | 10.0.0.1 - - [2004-13-18 05:58:48] \"GET / HTTP/1.1\" 200 5                 | bad-time",
        "30 February              | 10.0.0.1 - - [2004-02-30 05:58:48] \"GET / HTTP/1.1\" 200 5                 | bad-time",
        "29 February not leap     | 10.0.0.1 - - [29/Feb/2003:05:58:48 +0000] \"GET / HTTP/1.1\" 200 5          | bad-time",
        "hour 24                  | 10.0.0.1 - - [2004-05-18 24:00:00] \"GET / HTTP/1.1\" 200 5                 | bad-time",
        "unknown month            | 10.0.0.1 - - [18/Mai/2004:05:58:48 +0000] \"GET / HTTP/1.1\" 200 5          | bad-time",
        "bad zone                 | 10.0.0.1 - - [18/May/2004:05:58:48 UTC] \"GET / HTTP/1.1\" 200 5            | bad-time",
        "unix seconds             | 10.0.0.1 - - [1084859928] \"GET / HTTP/1.1\" 200 5                          | bad-time",
        "before 1970              | 10.0.0.1 - - [1969-12-31 23:59:59] \"GET / HTTP/1.1\" 200 5                 | bad-time",
        "a year ahead             | 10.0.0.1 - - [2025-06-01 00:00:00] \"GET / HTTP/1.1\" 200 5                 | future-time",
        "request not quoted       | 10.0.0.1 - - [2004-05-18 05:58:48] GET / HTTP/1.1 200 5                     | bad-request",
        "status letters           | 10.0.0.1 - - [2004-05-18 05:58:48] \"GET / HTTP/1.1\" 2O0 5                 | bad-status",
        "status 600               | 10.0.0.1 - - [2004-05-18 05:58:48] \"GET / HTTP/1.1\" 600 5                 | bad-status",
        "status four digits       | 10.0.0.1 - - [2004-05-18 05:58:48] \"GET / HTTP/1.1\" 2000 5                | bad-status",
        "status dash              | 10.0.0.1 - - [2004-05-18 05:58:48] \"GET / HTTP/1.1\" - 5                   | bad-status",
        "bytes with a unit        | 10.0.0.1 - - [2004-05-18 05:58:48] \"GET / HTTP/1.1\" 200 12k               | bad-bytes",
        "negative bytes           | 10.0.0.1 - - [2004-05-18 05:58:48] \"GET / HTTP/1.1\" 200 -12               | bad-bytes",
        "bytes beyond a long      | 10.0.0.1 - - [2004-05-18 05:58:48] \"GET / HTTP/1.1\" 200 99999999999999999999 | bad-bytes",
    })
    void everyMalformedShapeIsADeadLetterWithItsReason(String name, String line, String code) {
        ParsedLine l = parse(line == null ? "" : line);
        assertThat(l.ok()).as(name).isFalse();
        assertThat(l.reason().code()).as(name + ": " + l.reasonText()).isEqualTo(code);
        assertThat(l.reasonText()).startsWith(code);
    }

    @Test
    void nullLongHostsAndInvalidUtf8() {
        assertThat(parser.parse(null, -1).reason()).isEqualTo(LineReason.EMPTY);
        assertThat(parse("a".repeat(300) + " - - [2004-05-18 05:58:48] \"GET / HTTP/1.1\" 200 5").reasonText())
                .isEqualTo("bad-host: host of 300 characters");
        byte[] latin1 = "10.0.0.1 - - [2004-05-18 05:58:48] \"GET /caf\u00e9 HTTP/1.1\" 200 5".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parser.parse(latin1, KAFKA_NOW).reason()).isEqualTo(LineReason.NOT_UTF8);
        ParsedLine utf8 = parse("10.0.0.1 - - [2004-05-18 05:58:48] \"GET /caf\u00e9 HTTP/1.1\" 200 5");
        assertThat(utf8.path()).isEqualTo("/caf\u00e9");
        assertThat(parse("10.0.0.1 - - [2004-05-18 05:58:48] \"GET / HTTP/1.1\" 2O0 5").reasonText())
                .isEqualTo("bad-status: \"2O0\"");
    }

    @Test
    void theFutureIsMeasuredFromTheKafkaTimestampAndOnlyWhenThereIsOne() {
        String line = "10.0.0.1 - - [2024-06-01 01:00:00] \"GET / HTTP/1.1\" 200 5";
        assertThat(parse(line).ok()).as("exactly the tolerance ahead").isTrue();
        assertThat(parse(line.replace("01:00:00", "01:00:01")).reason()).isEqualTo(LineReason.FUTURE_TIME);
        assertThat(parser.parse(line.replace("01:00:00", "01:00:01").getBytes(StandardCharsets.UTF_8), -1).ok()).isTrue();
    }

    @Test
    void theParserIsReusedWithoutLeakingOneLinesFieldsIntoTheNext() {
        ParsedLine first = parse("10.0.0.1 - - [2004-05-18 05:58:48] \"GET /x HTTP/1.1\" 200 5 \"r\" \"u\"");
        assertThat(first.text(ParsedLine.USER_AGENT)).isEqualTo("u");
        ParsedLine second = parse("10.0.0.2 - - [2004-05-18 05:58:48] \"-\" 408 -");
        assertThat(second).isSameAs(first);
        assertThat(second.isNull(ParsedLine.USER_AGENT)).isTrue();
        assertThat(second.isNull(ParsedLine.PATH)).isTrue();
        assertThat(second.host()).isEqualTo("10.0.0.2");
    }

    @Test
    void everyLineTheGeneratorWritesReadsExceptTheOnesItBroke(@TempDir Path dir) throws Exception {
        for (LineFormat format : LineFormat.values()) {
            WeblogGenerator.Summary s = new WeblogGenerator(new WeblogGenerator.Options(30_000, Duration.ofMinutes(40),
                    Instant.parse("2024-05-18T00:00:00Z"), format, 1, 0.002, 9)).writeAll(dir.resolve(format.name()), false);
            List<String> lines = Files.readAllLines(s.log());
            long bad = lines.stream().filter(l -> !parse(l).ok()).count();
            assertThat(bad).as(format + ": dead letters are the broken lines").isEqualTo(s.malformed()).isPositive();
        }
    }
}

package dev.stophack.producer.weblog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class LogLinesTest {
    static List<String> read(byte[] input) throws IOException {
        List<String> out = new ArrayList<>();
        try (LogLines lines = new LogLines(new ByteArrayInputStream(input))) {
            while (lines.next()) {
                out.add(new String(lines.bytes(), 0, lines.length(), StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    @Test
    void linesAsWrittenWithoutTheirEnds() throws IOException {
        String longLine = "x".repeat(200_000);
        byte[] input = ("a b\r\n\nc\u00e9\n" + longLine + "\nlast without end").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(read(input)).containsExactly("a b", "", "c\u00e9", longLine, "last without end");
        assertThat(read(new byte[0])).isEmpty();
        assertThat(read("one\n".getBytes(StandardCharsets.US_ASCII))).containsExactly("one");
    }

    @Test
    void gzipIsRecognisedByItsContentNotItsName() throws IOException {
        byte[] plain = "1.2.3.4 - - [2024-05-18 10:00:00] \"GET / HTTP/1.1\" 200 1\n5.6.7.8 x\n".getBytes(StandardCharsets.US_ASCII);
        try (LogLines lines = new LogLines(new ByteArrayInputStream(gzip(plain)))) {
            assertThat(lines.gzip()).isTrue();
        }
        assertThat(read(gzip(plain))).isEqualTo(read(plain)).hasSize(2);
        try (LogLines lines = new LogLines(new ByteArrayInputStream(plain))) {
            assertThat(lines.gzip()).isFalse();
        }
    }

    @Test
    void theKeyIsTheFirstField() {
        byte[] line = "2001:db8::1 - - [x]".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(LineSender.key(line, line.length), StandardCharsets.US_ASCII)).isEqualTo("2001:db8::1");
        byte[] noSpace = "garbage".getBytes(StandardCharsets.US_ASCII);
        assertThat(LineSender.key(noSpace, noSpace.length)).isNull();
        byte[] leading = " x y".getBytes(StandardCharsets.US_ASCII);
        assertThat(LineSender.key(leading, leading.length)).isNull();
        byte[] huge = ("h".repeat(300) + " rest").getBytes(StandardCharsets.US_ASCII);
        assertThat(LineSender.key(huge, huge.length)).as("no key longer than a host can be").isNull();
    }
}

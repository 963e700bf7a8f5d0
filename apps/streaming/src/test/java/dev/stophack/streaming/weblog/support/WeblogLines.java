package dev.stophack.streaming.weblog.support;

import dev.stophack.generate.weblog.LineFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-built access-log lines for the weblog tests, in the seed's format, times from {@link #T0}. */
public final class WeblogLines {
    /** 2024-05-18T10:00:00Z: a whole minute, so windows start at T0 + whole minutes. */
    public static final long T0 = Instant.parse("2024-05-18T10:00:00Z").getEpochSecond();

    private WeblogLines() {
    }

    /** One request of {@code host} at {@code T0 + second}. */
    public static String line(String host, long second, String path, int status) {
        return host + " - - " + LineFormat.SEED.time(T0 + second) + " \"GET " + path + " HTTP/1.1\" " + status + " "
                + (status == 304 ? "-" : "1234");
    }

    /** {@code count} requests of {@code host}, one a second from {@code T0 + from}. */
    public static List<String> burst(String host, long from, int count, int status) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(line(host, from + i, "/Archives/edgar/data/" + i + "/", status));
        }
        return lines;
    }
}

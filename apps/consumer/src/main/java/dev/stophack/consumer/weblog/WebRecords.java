package dev.stophack.consumer.weblog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.accesslog.LogTime;
import dev.stophack.api.kafka.BlocklistDecision;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.kafka.WeblogAlert;
import dev.stophack.consumer.parse.ClockLimit;
import dev.stophack.consumer.parse.SkipReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the records of the three web topics into {@link WebTraffic}. An access-log line gives its
 * host (the key, else its first field), its time and its status, nothing more: the consumer
 * counts, the streaming job validates. Blocklist decisions and alerts are the api's records.
 * What cannot be read is skipped with a reason, counted per topic.
 */
public final class WebRecords {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final WebTraffic traffic;
    private final ClockLimit clockLimit;

    public WebRecords(WebTraffic traffic, ClockLimit clockLimit) {
        this.traffic = traffic;
        this.clockLimit = clockLimit;
    }

    /** Whether {@code topic} is one of the web topics this reads. */
    public static boolean reads(String topic) {
        return Topics.WEBLOG.equals(topic) || Topics.BLOCKLIST.equals(topic) || Topics.ALERTS.equals(topic);
    }

    public void handle(ConsumerRecord<byte[], byte[]> r, long now) {
        switch (r.topic()) {
            case Topics.WEBLOG -> line(r, now);
            case Topics.BLOCKLIST -> decision(r, now);
            case Topics.ALERTS -> alert(r, now);
            default -> throw new IllegalArgumentException("not a web topic: " + r.topic());
        }
    }

    private void line(ConsumerRecord<byte[], byte[]> r, long now) {
        byte[] v = r.value() == null ? new byte[0] : r.value();
        String host = r.key() != null && r.key().length > 0 && r.key().length <= 255
                ? new String(r.key(), StandardCharsets.UTF_8) : firstField(v);
        if (host == null) {
            traffic.skipped(Topics.WEBLOG, SkipReason.NO_HOST);
            return;
        }
        long seconds = LogTime.ofLine(v, v.length);
        if (seconds == LogTime.INVALID) {
            traffic.skipped(Topics.WEBLOG, SkipReason.NO_TIME);
            return;
        }
        SkipReason ahead = clockLimit.checkTs(seconds, now);
        if (ahead != null) {
            traffic.skipped(Topics.WEBLOG, ahead);
            return;
        }
        int status = status(v);
        if (status < 0) {
            traffic.skipped(Topics.WEBLOG, SkipReason.NO_STATUS);
            return;
        }
        traffic.line(host, seconds * 1000, status, now);
    }

    private void decision(ConsumerRecord<byte[], byte[]> r, long now) {
        try {
            BlocklistDecision d = JSON.readValue(r.value(), BlocklistDecision.class);
            if (d.host() == null) {
                traffic.skipped(Topics.BLOCKLIST, SkipReason.NO_HOST);
                return;
            }
            long start = millis(d.windowStart());
            SkipReason ahead = clockLimit.checkWindowStart(start, now);
            if (ahead != null) {
                traffic.skipped(Topics.BLOCKLIST, ahead);
                return;
            }
            traffic.decision(d, start, millis(d.windowEnd()), millis(d.until()), millis(d.decidedAt()), now);
        } catch (IOException | NullPointerException e) {
            traffic.skipped(Topics.BLOCKLIST, SkipReason.NOT_JSON);
        } catch (DateTimeParseException e) {
            traffic.skipped(Topics.BLOCKLIST, SkipReason.NO_WINDOW);
        }
    }

    private void alert(ConsumerRecord<byte[], byte[]> r, long now) {
        try {
            WeblogAlert a = JSON.readValue(r.value(), WeblogAlert.class);
            long start = millis(a.windowStart());
            SkipReason ahead = clockLimit.checkWindowStart(start, now);
            if (ahead != null) {
                traffic.skipped(Topics.ALERTS, ahead);
                return;
            }
            traffic.alert(a, start, millis(a.windowEnd()), now);
        } catch (IOException | NullPointerException e) {
            traffic.skipped(Topics.ALERTS, SkipReason.NOT_JSON);
        } catch (DateTimeParseException e) {
            traffic.skipped(Topics.ALERTS, SkipReason.NO_WINDOW);
        }
    }

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    static String firstField(byte[] v) {
        for (int i = 0; i < Math.min(v.length, 256); i++) {
            if (v[i] == ' ') {
                return i == 0 ? null : new String(v, 0, i, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The status after the quoted request ({@code "GET / HTTP/1.1" 200}), or -1. */
    static int status(byte[] v) {
        int i = 0;
        while (i < v.length && v[i] != ']') {
            i++;
        }
        while (i < v.length && v[i] != '"') {
            i++;
        }
        for (i++; i < v.length; i++) { // to the request's closing quote; \" does not close it
            if (v[i] == '\\') {
                i++;
            } else if (v[i] == '"') {
                break;
            }
        }
        if (i + 4 >= v.length || v[i + 1] != ' ') {
            return -1;
        }
        int s = 0;
        for (int k = i + 2; k < i + 5; k++) {
            if (v[k] < '0' || v[k] > '9') {
                return -1;
            }
            s = s * 10 + (v[k] - '0');
        }
        return i + 5 < v.length && v[i + 5] != ' ' ? -1 : s;
    }
}

package dev.stophack.consumer.browser;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.testing.TelemetryEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Traffic shaped like the producers' and the streaming job's: process cycles every 5 s with
 * 10-50 rows per machine, memory cycles every 10 s with 20-80 rows plus 0-5 late rows of the
 * cycle before, and potential-attack counts per 2-minute window (machine 6 under attack for a
 * while). Past traffic carries past Kafka timestamps, as if it had been sent then.
 */
final class DemoTraffic {
    static final long PROCESS_EVERY = 5_000;
    static final long MEMORY_EVERY = 10_000;
    static final long WINDOW = 120_000;

    private final KafkaProducer<byte[], byte[]> producer;
    private final TelemetryEvents events;
    private final List<String> machines;
    private final SplittableRandom random = new SplittableRandom(11);
    private final Map<String, Integer> lateRows = new HashMap<>();
    private long lateTs = -1;

    DemoTraffic(KafkaProducer<byte[], byte[]> producer, TelemetryEvents events, List<String> machines) {
        this.producer = producer;
        this.events = events;
        this.machines = machines;
    }

    /** Every cycle and window in {@code [from, to)}, sent with their own times as Kafka timestamps. */
    void history(long from, long to) {
        for (long t = align(from, PROCESS_EVERY); t < to; t += PROCESS_EVERY) {
            processCycle(t);
        }
        for (long t = align(from, MEMORY_EVERY); t < to; t += MEMORY_EVERY) {
            memoryCycle(t);
        }
        for (long w = align(from, WINDOW); w + WINDOW <= to; w += WINDOW) {
            attackWindow(w, w + WINDOW, 1.0);
        }
        producer.flush();
    }

    static long align(long millis, long step) {
        return Math.floorDiv(millis, step) * step;
    }

    void processCycle(long t) {
        for (String m : machines) {
            int rows = random.nextInt(10, 51);
            for (int i = 0; i < rows; i++) {
                send(Topics.PROCESS, m, events.next(EventKind.PROCESS, m, t / 1000), t);
            }
        }
    }

    /** Rows stamped {@code t}, plus the late rows held back from the cycle before. */
    void memoryCycle(long t) {
        for (String m : machines) {
            int rows = random.nextInt(20, 81);
            for (int i = 0; i < rows; i++) {
                send(Topics.MEMORY, m, events.next(EventKind.MEMORY, m, t / 1000), t);
            }
            for (int i = 0; i < lateRows.getOrDefault(m, 0); i++) {
                send(Topics.MEMORY, m, events.next(EventKind.MEMORY, m, lateTs / 1000), t);
            }
            lateRows.put(m, random.nextInt(0, 6));
        }
        lateTs = t;
    }

    /**
     * The job's row per machine with potential attacks in the window; {@code share} of the
     * window's attacks have been seen so far (an open window is updated as it fills).
     */
    void attackWindow(long start, long end, double share) {
        for (String m : machines) {
            int full = attacks(m, start);
            long count = Math.round(full * share);
            if (count > 0) {
                String value = "{\"window_start\":\"" + Instant.ofEpochMilli(start) + "\",\"window_end\":\""
                        + Instant.ofEpochMilli(end) + "\",\"machine\":\"" + m + "\",\"count\":" + count + "}";
                send(Topics.ATTACK_COUNTS, m, value.getBytes(StandardCharsets.UTF_8), Math.min(end, System.currentTimeMillis()));
            }
        }
    }

    /**
     * The rest of what the dashboard draws, over {@code [from, to)}: the streaming job's status
     * record every 10 s (the process model moving from v1 to v2 two thirds in, a dead letter now
     * and then), a dozen detected attacks on machine 6, and the web log: 3 requests a second from
     * 40 clients, one host at 15 a second for three minutes (blocked), a 5xx surge after it.
     */
    void jobAndWebLog(long from, long to) {
        long start = align(from, 10_000);
        int batches = (int) ((to - start) / 10_000);
        for (int b = 0; b < batches; b++) {
            long t = start + b * 10_000L;
            String dead = b % 6 == 0 ? "{\"not-json\":1}" : b % 9 == 0 ? "{\"unparseable-number\":2}" : "{}";
            send(Topics.STREAM_STATUS, "ingest", ("{\"batch_id\":" + b + ",\"batch_time\":\"" + Instant.ofEpochMilli(t)
                    + "\",\"kinds\":{\"process\":{\"active_version\":" + (b < batches * 2 / 3 ? 1 : 2)
                    + ",\"candidate_version\":null,\"events\":" + random.nextInt(80, 120) + ",\"predicted_attacks\":"
                    + random.nextInt(0, 12) + "},\"memory\":{\"active_version\":1,\"candidate_version\":null,\"events\":"
                    + random.nextInt(80, 120) + ",\"predicted_attacks\":" + random.nextInt(0, 9) + "}},\"dead_letters\":"
                    + dead + ",\"watermark\":null}").getBytes(StandardCharsets.UTF_8), t);
        }
        String[] commands = {"hydra", "ncrack", "nc", "john"};
        for (int i = 0; i < 12; i++) {
            long seen = to - (12 - i) * 45_000L;
            int pid = 2_000 + i * 7;
            String cmd = commands[i % commands.length];
            send(Topics.ATTACKS, "6", ("{\"machine\":6,\"CMD_PID\":\"" + cmd + "_" + pid + "\",\"PID\":" + pid
                    + ",\"CMD\":\"" + cmd + "\",\"process_event_time\":\"" + Instant.ofEpochMilli(seen - 20_000)
                    + "\",\"memory_event_time\":\"" + Instant.ofEpochMilli(seen - 12_000) + "\",\"process_p_attack\":"
                    + (0.8 + random.nextInt(20) / 100.0) + ",\"memory_p_attack\":" + (0.6 + random.nextInt(35) / 100.0)
                    + ",\"process_model_version\":" + (i < 8 ? 1 : 2) + ",\"memory_model_version\":1,"
                    + "\"processing_time\":\"" + Instant.ofEpochMilli(seen) + "\"}").getBytes(StandardCharsets.UTF_8), seen);
        }
        long first = from / 1000;
        long seconds = (to - from) / 1000;
        String abuser = "203.0.113.7";
        for (long s = 0; s < seconds; s++) {
            for (int i = 0; i < 3; i++) {
                int status = s >= seconds - 180 && s < seconds - 60 && random.nextInt(10) < 4 ? 503
                        : random.nextInt(100) < 3 ? 404 : 200;
                webLine("10.0.0." + random.nextInt(40), first + s, status);
            }
            if (s >= seconds - 480 && s < seconds - 300) {
                for (int i = 0; i < 15; i++) {
                    webLine(abuser, first + s, 200);
                }
            }
        }
        for (long w = seconds - 540; w <= seconds - 310; w += 10) {
            send(Topics.BLOCKLIST, abuser, ("{\"host\":\"" + abuser + "\",\"window_start\":\"" + iso(first + w)
                    + "\",\"window_end\":\"" + iso(first + w + 60) + "\",\"count\":900,\"threshold\":600,\"until\":\""
                    + iso(first + w + 60) + "\",\"decided_at\":\"" + iso(first + w + 50) + "\"}").getBytes(StandardCharsets.UTF_8),
                    (first + w + 50) * 1000);
        }
        for (long m = seconds - 180; m < seconds - 60; m += 60) {
            send(Topics.ALERTS, "5xx", ("{\"kind\":\"error-surge\",\"status\":\"5xx\",\"window_start\":\""
                    + iso(first + m) + "\",\"window_end\":\"" + iso(first + m + 60) + "\",\"count\":72,\"total\":180,"
                    + "\"ratio\":0.4,\"baseline\":0.004,\"host\":null,\"distinct_paths\":null,\"decided_at\":\""
                    + iso(first + m + 90) + "\"}").getBytes(StandardCharsets.UTF_8), Math.min(to, (first + m + 90) * 1000));
        }
        producer.flush();
    }

    private void webLine(String host, long second, int status) {
        String time = java.time.LocalDateTime.ofEpochSecond(second, 0, java.time.ZoneOffset.UTC)
                .format(WeblogDashboardBrowserTest.APACHE);
        send(Topics.WEBLOG, host, (host + " - - [" + time + " +0000] \"GET /Archives/edgar/data/1/ HTTP/1.1\" " + status
                + " 1234").getBytes(StandardCharsets.UTF_8), second * 1000);
    }

    private static String iso(long second) {
        return Instant.ofEpochSecond(second).toString();
    }

    /** A stable count per machine and window: machine 6 is under attack in two windows out of three. */
    private static int attacks(String machine, long windowStart) {
        long w = windowStart / WINDOW;
        int h = (int) Math.floorMod(w * 31 + machine.hashCode() * 17L, 7L);
        if (machine.equals("6") && w % 3 != 0) {
            return 8 + h;
        }
        return h < 3 ? h : 0;
    }

    private void send(String topic, String machine, byte[] value, long timestamp) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, machine.getBytes(StandardCharsets.UTF_8), value));
    }
}

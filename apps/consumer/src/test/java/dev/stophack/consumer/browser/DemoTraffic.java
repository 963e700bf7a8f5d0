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

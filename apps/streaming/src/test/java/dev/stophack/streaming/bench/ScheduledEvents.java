package dev.stophack.streaming.bench;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvReader;
import dev.stophack.events.EventEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Puts generated CSV rows on Kafka stamped as the producers' default schedule would: per machine,
 * process rows every 5 s in cycles of 10..50, memory rows every 10 s in cycles of 20..80 of which
 * 0..5 carry the previous cycle's time (the producer holds them back one cycle).
 */
final class ScheduledEvents {
    private ScheduledEvents() {
    }

    record Summary(long records, long firstTs, long lastTs) {
    }

    private static final class MachineClock {
        long ts;
        int left;
        int late;
    }

    /** Sends at most {@code limit} rows of {@code csv}, stopping at rows stamped after {@code untilTs}. */
    static Summary produce(KafkaProducer<byte[], byte[]> producer, Path csv, EventKind kind, long startTs, long limit,
            long untilTs, long seed) throws IOException {
        int interval = kind == EventKind.PROCESS ? 5 : 10;
        int min = kind == EventKind.PROCESS ? 10 : 20;
        int max = kind == EventKind.PROCESS ? 50 : 80;
        int maxLate = kind == EventKind.PROCESS ? 0 : 5;
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, MachineClock> clocks = new HashMap<>();
        long n = 0;
        long last = startTs;
        try (CsvReader reader = CsvReader.open(csv)) {
            EventEncoder encoder = new EventEncoder(kind, reader.header());
            int machineAt = encoder.machinePosition();
            String[] row;
            while (n < limit && (row = reader.next()) != null) {
                String machine = row[machineAt];
                MachineClock c = clocks.computeIfAbsent(machine, m -> {
                    MachineClock fresh = new MachineClock();
                    fresh.ts = startTs - interval;
                    return fresh;
                });
                if (c.left == 0) {
                    c.ts += interval;
                    c.left = random.nextInt(min, max + 1);
                    c.late = maxLate == 0 ? 0 : random.nextInt(0, maxLate + 1);
                }
                long ts = c.late > 0 && c.ts > startTs ? c.ts - interval : c.ts;
                if (ts > untilTs) {
                    break;
                }
                if (c.late > 0) {
                    c.late--;
                }
                c.left--;
                producer.send(new ProducerRecord<>(kind.topic(), machine.getBytes(StandardCharsets.UTF_8),
                        encoder.encode(row, ts)));
                last = Math.max(last, ts);
                n++;
            }
        }
        producer.flush();
        return new Summary(n, startTs, last);
    }
}

package dev.stophack.streaming.bench;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvReader;
import dev.stophack.events.EventEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Generated rows sent in real time at the producers' default schedule (as {@link ScheduledEvents}
 * stamps them, but on the wall clock): per machine, process rows every 5 s in cycles of 10..50,
 * memory rows every 10 s in cycles of 20..80 of which 0..5 carry the previous cycle's time. Keeps
 * the Kafka coordinates and send time of every acknowledged record, so that a reader of the
 * outputs can tell which records are missing or doubled.
 */
final class PacedEvents implements AutoCloseable {
    /** Where a record landed: {@code topic/partition/offset}. */
    static String coordinates(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, Long> sent = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean stopping;

    PacedEvents(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer = new KafkaProducer<>(p);
    }

    /** Starts sending {@code csv}'s rows of {@code kind} on its schedule, until {@link #close()}. */
    PacedEvents start(EventKind kind, Path csv, long seed) throws IOException {
        Map<String, List<String[]>> byMachine = new LinkedHashMap<>();
        EventEncoder encoder;
        try (CsvReader reader = CsvReader.open(csv)) {
            encoder = new EventEncoder(kind, reader.header());
            String[] row;
            while ((row = reader.next()) != null) {
                byMachine.computeIfAbsent(row[encoder.machinePosition()], m -> new ArrayList<>()).add(row);
            }
        }
        Thread t = new Thread(() -> run(kind, encoder, byMachine, new SplittableRandom(seed)), "paced-" + kind.id());
        t.setDaemon(true);
        t.start();
        threads.add(t);
        return this;
    }

    private void run(EventKind kind, EventEncoder encoder, Map<String, List<String[]>> byMachine, SplittableRandom random) {
        int interval = kind == EventKind.PROCESS ? 5 : 10;
        int min = kind == EventKind.PROCESS ? 10 : 20;
        int max = kind == EventKind.PROCESS ? 50 : 80;
        int maxLate = kind == EventKind.PROCESS ? 0 : 5;
        Map<String, Integer> next = new LinkedHashMap<>();
        long tick = (System.currentTimeMillis() / 1000 / interval + 1) * interval;
        while (!stopping) {
            long wait = tick * 1000 - System.currentTimeMillis();
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            for (Map.Entry<String, List<String[]>> machine : byMachine.entrySet()) {
                List<String[]> rows = machine.getValue();
                int cycle = random.nextInt(min, max + 1);
                int late = maxLate == 0 ? 0 : random.nextInt(0, maxLate + 1);
                for (int i = 0; i < cycle; i++) {
                    int at = next.merge(machine.getKey(), 1, Integer::sum) % rows.size();
                    long ts = i < late ? tick - interval : tick; // the producer holds these back one cycle
                    send(kind, machine.getKey(), encoder.encode(rows.get(at), ts));
                }
            }
            tick += interval;
        }
    }

    private void send(EventKind kind, String machine, byte[] value) {
        long at = System.currentTimeMillis();
        producer.send(new ProducerRecord<>(kind.topic(), machine.getBytes(StandardCharsets.UTF_8), value), (meta, e) -> {
            if (e == null) {
                sent.put(coordinates(meta.topic(), meta.partition(), meta.offset()), at);
            } else {
                failures.incrementAndGet();
            }
        });
    }

    /** Every acknowledged record by coordinates, with the time it was sent (epoch ms). */
    Map<String, Long> sent() {
        return sent;
    }

    long failures() {
        return failures.get();
    }

    /** Stops sending and waits for every acknowledgement. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        for (Thread t : threads) {
            t.join(); // within one interval: the thread sleeps until its next cycle
        }
        producer.flush();
        producer.close();
    }
}

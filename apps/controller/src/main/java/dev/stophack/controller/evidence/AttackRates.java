package dev.stophack.controller.evidence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.kafka.AttackCount;
import dev.stophack.api.kafka.Topics;
import dev.stophack.config.KafkaConnection;
import dev.stophack.controller.decide.RateWindow;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Potential attacks per window over all machines, read from {@code attack-counts}: the evidence
 * of the rollback rule. A window's count is updated every trigger while it is open, so the latest
 * value per (machine, window) is kept, and a window is handed out only once it is closed: its end
 * plus {@link #CLOSE_DELAY} (the streaming job's watermark and a trigger) lies in the past. Reads
 * from {@code lookback} ago, without a consumer group: nothing is committed, every start reads
 * the same evidence again.
 */
public final class AttackRates implements AutoCloseable, Supplier<List<RateWindow>> {
    private static final Logger LOG = LoggerFactory.getLogger(AttackRates.class);
    static final Duration CLOSE_DELAY = Duration.ofSeconds(30);
    /** How far back the evidence reaches: many rollback windows before and after a promotion. */
    static final Duration LOOKBACK = Duration.ofHours(2);
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Properties config;
    private final Duration lookback;
    private final Clock clock;
    /** window start → (machine → latest count), with the window's end */
    private final TreeMap<Instant, Window> windows = new TreeMap<>();
    private final AtomicLong records = new AtomicLong();
    private final AtomicReference<String> problem = new AtomicReference<>("not started");
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    private static final class Window {
        final Instant end;
        final Map<Integer, Long> counts = new HashMap<>();

        Window(Instant end) {
            this.end = end;
        }
    }

    /** {@code clientConfig}: bootstrap servers and any security settings, as a Kafka client takes them. */
    public AttackRates(Properties clientConfig, Duration lookback, Clock clock) {
        this.config = new Properties();
        this.config.putAll(clientConfig);
        this.config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "stophack-rollout-rates");
        this.lookback = lookback;
        this.clock = clock;
    }

    /** Reads {@code attack-counts} of the last two hours and on, through {@code kafka}, in a daemon thread. */
    public static AttackRates start(KafkaConnection kafka, Clock clock) {
        Properties config = new Properties();
        config.putAll(kafka.clientProperties());
        return new AttackRates(config, LOOKBACK, clock).start();
    }

    /** The closed windows: what the rollback rule judges on. */
    @Override
    public List<RateWindow> get() {
        return closedWindows();
    }

    /** Starts reading in a daemon thread. */
    public synchronized AttackRates start() {
        thread = new Thread(this::run, "attack-rates");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config)) {
            consumer = c;
            List<TopicPartition> partitions = new ArrayList<>();
            c.partitionsFor(Topics.ATTACK_COUNTS, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            c.assign(partitions);
            seekToLookback(c, partitions);
            problem.set(null);
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofSeconds(1))) {
                    add(r.value());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            problem.set("cannot read " + Topics.ATTACK_COUNTS + ": " + e.getMessage());
            LOG.warn("the rollback rule has no evidence: cannot read {} ({})", Topics.ATTACK_COUNTS, e.toString());
        }
    }

    private void seekToLookback(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> partitions) {
        long from = clock.instant().minus(lookback).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(query);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp o = offsets.get(p);
            if (o == null) {
                c.seekToEnd(List.of(p));
            } else {
                c.seek(p, o.offset());
            }
        }
    }

    /** Takes one {@code attack-counts} value; an unreadable one is skipped. */
    void add(byte[] value) {
        AttackCount count;
        try {
            count = JSON.readValue(value, AttackCount.class);
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (count.windowStart() == null || count.windowEnd() == null) {
            return;
        }
        Instant start;
        Instant end;
        try {
            start = Instant.parse(count.windowStart());
            end = Instant.parse(count.windowEnd());
        } catch (RuntimeException e) {
            return;
        }
        records.incrementAndGet();
        synchronized (windows) {
            windows.computeIfAbsent(start, s -> new Window(end)).counts.put(count.machine(), count.count());
            Instant oldest = clock.instant().minus(lookback);
            while (!windows.isEmpty() && windows.firstKey().isBefore(oldest)) {
                windows.pollFirstEntry();
            }
        }
    }

    /** Every closed window, summed over machines, oldest first. */
    public List<RateWindow> closedWindows() {
        Instant closed = clock.instant().minus(CLOSE_DELAY);
        List<RateWindow> out = new ArrayList<>();
        synchronized (windows) {
            windows.forEach((start, w) -> {
                if (!w.end.isAfter(closed)) {
                    out.add(new RateWindow(start, w.end, w.counts.values().stream().mapToLong(Long::longValue).sum()));
                }
            });
        }
        return out;
    }

    /** Null while the topic is read; else why there is no evidence. */
    public String problem() {
        return problem.get();
    }

    public long records() {
        return records.get();
    }

    @Override
    public void close() {
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

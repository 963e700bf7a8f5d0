package dev.stophack.consumer.kafka;

import dev.stophack.api.kafka.Topics;
import dev.stophack.config.KafkaConnection;
import dev.stophack.consumer.live.LiveCounts;
import dev.stophack.kafka.AccessDenied;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Kafka consumer thread: subscribes to {@code process}, {@code memory} and
 * {@code attack-counts} in one consumer group, hands each poll to {@link RecordHandler}, and
 * commits offsets about once a second and on the way out.
 *
 * <p>The counts live in memory, so on (re)start a partition is read again from
 * {@code now - lookback} ({@code offsetsForTimes}): a restart within the window rebuilds the
 * window's counts from Kafka instead of starting at zero. Offsets are committed at what has been
 * read, never behind what the group had committed before, so the group's lag stays truthful.
 * One consumer per group: each instance must see every partition to draw every machine.
 *
 * <p>The thread ends on a failure it cannot poll past; Kafka refusing the client (credentials,
 * ACLs) is one such, logged as one line naming user and broker, and {@link #awaitStopped()}
 * hands the reason to the command, which exits with it.
 */
public final class CountingConsumer implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CountingConsumer.class);
    private static final List<String> TOPICS = List.of(Topics.PROCESS, Topics.MEMORY, Topics.ATTACK_COUNTS);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long COMMIT_EVERY_MILLIS = 1_000;

    private final KafkaConnection kafka;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RecordHandler handler;
    private final ConsumerStatus status;
    private final Clock clock;
    private final Duration lookback;
    /** Per partition: the next offset to read, once this run has read from it. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    /** Per partition: the group's committed offset when it was assigned; commits never go below it. */
    private final Map<TopicPartition, Long> committedFloor = new HashMap<>();
    /** Per partition: the log-end offset when it was assigned; records below it are backlog. */
    private final Map<TopicPartition, Long> backlogEnd = new HashMap<>();
    private volatile boolean closing;
    private Thread thread;

    public CountingConsumer(KafkaConnection kafka, String group, LiveCounts counts, ConsumerStatus status,
                            Duration lookback) {
        this.kafka = kafka;
        this.consumer = new KafkaConsumer<>(properties(kafka, group));
        this.handler = new RecordHandler(counts);
        this.status = status;
        this.clock = counts.clock();
        this.lookback = lookback;
    }

    /** Tuning first, then the client settings of {@code kafka} on top, then what the counting relies on. */
    static Properties properties(KafkaConnection kafka, String group) {
        Map<String, Object> tuning = new HashMap<>();
        tuning.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + ProcessHandle.current().pid());
        tuning.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Properties p = new Properties();
        p.putAll(kafka.overlay(tuning));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // where to start is decided in onPartitionsAssigned; this only covers a partition we cannot look up
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** Starts the consumer thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = new Thread(this, "kafka-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        status.started(clock.millis());
        long lastCommit = 0;
        String failure = null;
        try {
            consumer.subscribe(TOPICS, new Rebalance());
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                handler.handle(records, backlogEnd);
                for (TopicPartition tp : consumer.assignment()) {
                    positions.put(tp, consumer.position(tp));
                }
                long now = clock.millis();
                status.polled(now, consumer.assignment().size(), lag());
                if (now - lastCommit >= COMMIT_EVERY_MILLIS && !consumer.assignment().isEmpty()) {
                    consumer.commitAsync(toCommit(consumer.assignment()), (offsets, e) -> {
                        if (e != null) {
                            LOG.debug("offset commit failed, the next one retries: {}", e.toString());
                        }
                    });
                    lastCommit = now;
                }
            }
        } catch (WakeupException e) {
            // close() woke us up
        } catch (RuntimeException e) {
            var denied = AccessDenied.in(kafka, e);
            if (denied.isPresent()) {
                failure = denied.get().getMessage();
                LOG.error("Kafka consumer stopped: {}", failure);
            } else {
                failure = e.toString();
                LOG.error("Kafka consumer stopped", e);
            }
        } finally {
            try {
                Map<TopicPartition, OffsetAndMetadata> offsets = toCommit(consumer.assignment());
                if (!offsets.isEmpty()) {
                    consumer.commitSync(offsets, Duration.ofSeconds(5));
                }
            } catch (RuntimeException e) {
                LOG.warn("could not commit offsets on the way out: {}", e.toString());
            }
            consumer.close(Duration.ofSeconds(5));
            status.stopped(failure);
        }
    }

    private Map<String, Long> lag() {
        Map<String, Long> lag = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong l = consumer.currentLag(tp);
            lag.merge(tp.topic(), l.isPresent() ? l.getAsLong() : 0L, Long::sum);
        }
        return lag;
    }

    private Map<TopicPartition, OffsetAndMetadata> toCommit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long read = positions.get(tp);
            if (read != null) {
                out.put(tp, new OffsetAndMetadata(Math.max(read, committedFloor.getOrDefault(tp, 0L))));
            }
        }
        return out;
    }

    /** Blocks until the consumer thread has ended; returns why it failed, or null after {@link #close()}. */
    public String awaitStopped() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join();
        }
        return status.failure();
    }

    /** Stops the thread, committing what it has read; waits up to 10 s. */
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Commits on revoke; on assign, seeks each partition to where its counts must be rebuilt from. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                Map<TopicPartition, OffsetAndMetadata> offsets = toCommit(partitions);
                if (!offsets.isEmpty()) {
                    consumer.commitSync(offsets);
                }
            } catch (RuntimeException e) {
                LOG.warn("could not commit offsets of revoked partitions {}: {}", partitions, e.toString());
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Set<TopicPartition> set = Set.copyOf(partitions);
            long from = clock.millis() - lookback.toMillis();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(set);
            Map<TopicPartition, Long> ends = consumer.endOffsets(set);
            Map<TopicPartition, OffsetAndTimestamp> byTime = consumer.offsetsForTimes(
                    set.stream().collect(Collectors.toMap(Function.identity(), tp -> from)));
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                long end = ends.getOrDefault(tp, 0L);
                OffsetAndTimestamp t = byTime.get(tp);
                Long ours = positions.get(tp);
                long start = StartOffsets.choose(ours, t == null ? null : t.offset(), end);
                committedFloor.put(tp, c == null ? 0L : c.offset());
                backlogEnd.put(tp, end);
                consumer.seek(tp, start);
                LOG.info("{}: reading from offset {} ({}), end {}, group committed {}", tp, start,
                        ours != null ? "where this run left it" : "the look-back of " + lookback.toSeconds() + " s",
                        end, c == null ? "nothing" : c.offset());
            }
        }
    }
}

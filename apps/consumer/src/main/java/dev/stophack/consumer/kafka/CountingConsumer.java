package dev.stophack.consumer.kafka;

import dev.stophack.api.kafka.Topics;
import dev.stophack.config.KafkaConnection;
import dev.stophack.consumer.live.LiveCounts;
import dev.stophack.consumer.parse.ClockLimit;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * The one Kafka consumer thread: subscribes to {@code process}, {@code memory},
 * {@code attack-counts} and the web topics ({@code weblog}, {@code blocklist}, {@code alerts}) in
 * one consumer group, hands each poll to {@link RecordHandler}, and
 * commits offsets about once a second and on the way out.
 *
 * <p>The counts live in memory, so on (re)start a partition is read again from
 * {@code now - lookback} ({@code offsetsForTimes}): a restart within the window rebuilds the
 * window's counts from Kafka instead of starting at zero. Offsets are committed at what has been
 * read, never behind what the group had committed before, so the group's lag stays truthful.
 * One consumer per group: each instance must see every partition to draw every machine.
 *
 * <p>A runtime failure ends only the current attempt: its Kafka consumer is closed (committing
 * what was counted), and after a {@link RestartBackoff back-off} a new one continues where this
 * process left each partition, so nothing is lost or counted twice. {@link ConsumerStatus} says
 * so meanwhile. Only {@link #close()} ends the thread, and Kafka refusing the client (credentials,
 * ACLs), which no restart can fix: that is logged as one line naming user and broker, and
 * {@link #awaitStopped()} hands it to the command, which exits with it.
 */
public final class CountingConsumer implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CountingConsumer.class);
    /** The telemetry's topics. */
    public static final List<String> TELEMETRY = List.of(Topics.PROCESS, Topics.MEMORY, Topics.ATTACK_COUNTS);
    /** The web access log's topics, read unless the consumer is told not to. */
    public static final List<String> WEB = List.of(Topics.WEBLOG, Topics.BLOCKLIST, Topics.ALERTS);
    private final List<String> topics;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long COMMIT_EVERY_MILLIS = 1_000;

    private final KafkaConnection kafkaConnection;
    private final String group;
    private final LiveCounts counts;
    private final ClockLimit clockLimit;
    private final ConsumerStatus status;
    private final Clock clock;
    private final Duration lookback;
    private final RestartBackoff backoff = new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(1));
    /** Per partition: the next offset to read, once this process has read from it; kept across restarts. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    /** Per partition: the group's committed offset when it was assigned; commits never go below it. */
    private final Map<TopicPartition, Long> committedFloor = new HashMap<>();
    /** Per partition: the log-end offset when it was assigned; records below it are backlog. */
    private final Map<TopicPartition, Long> backlogEnd = new HashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    /** The Kafka consumer of the current attempt; the first is made at once, so bad settings fail early. */
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean closing;
    /** Why Kafka refused this client, once it has: the thread then ends. */
    private volatile String refused;
    private Thread thread;

    public CountingConsumer(KafkaConnection kafkaConnection, String group, LiveCounts counts, ConsumerStatus status,
                            Duration lookback, ClockLimit clockLimit) {
        this(kafkaConnection, group, counts, status, lookback, clockLimit, concat(TELEMETRY, WEB));
    }

    public CountingConsumer(KafkaConnection kafkaConnection, String group, LiveCounts counts, ConsumerStatus status,
                            Duration lookback, ClockLimit clockLimit, List<String> topics) {
        this.topics = List.copyOf(topics);
        this.kafkaConnection = kafkaConnection;
        this.group = group;
        this.counts = counts;
        this.clockLimit = clockLimit;
        this.status = status;
        this.clock = counts.clock();
        this.lookback = lookback;
        this.consumer = new KafkaConsumer<>(properties(kafkaConnection, group));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
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

    /** Runs attempts until closed; a failed one is followed by another after a back-off. */
    @Override
    public void run() {
        try {
            while (!closing) {
                long began = System.nanoTime();
                String failure = attempt();
                if (failure == null || closing) {
                    break;
                }
                if (refused != null) {
                    status.failed(refused, 0);
                    break;
                }
                // the clock is not read here: whatever broke the attempt must not break the restarts
                long wait = backoff.afterFailure(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
                status.failed(failure, wait);
                LOG.warn("Kafka consumer thread failed; restarting it in {} ms: {}", wait, failure);
                if (closed.await(wait, TimeUnit.MILLISECONDS)) {
                    break;
                }
                status.restarting();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Error e) {
            // not ours to recover from (out of memory...): say why, and let /healthz get the pod restarted
            status.failed(e.toString(), 0);
            throw e;
        } finally {
            status.stopped();
        }
    }

    /**
     * One attempt: polls and counts with one Kafka consumer until closed (null) or until something
     * throws (the failure, as text); always commits what it counted and closes the consumer.
     */
    private String attempt() {
        KafkaConsumer<byte[], byte[]> kafka = consumer;
        if (kafka == null) {
            try {
                kafka = new KafkaConsumer<>(properties(kafkaConnection, group));
            } catch (RuntimeException e) {
                return "cannot create the Kafka consumer: " + e;
            }
            consumer = kafka; // before the loop reads closing: close() either sees it or stops the loop
        }
        // a fresh handler: a failure may have left a half-decoded batch in the old one
        RecordHandler handler = new RecordHandler(counts, clockLimit);
        String failure = null;
        try {
            status.started(clock.millis());
            kafka.subscribe(topics, new Rebalance(kafka));
            long lastCommit = 0;
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records = kafka.poll(POLL);
                handler.handle(records, backlogEnd);
                for (TopicPartition tp : kafka.assignment()) {
                    positions.put(tp, kafka.position(tp));
                }
                long now = clock.millis();
                status.polled(now, kafka.assignment().size(), lag(kafka));
                if (now - lastCommit >= COMMIT_EVERY_MILLIS && !kafka.assignment().isEmpty()) {
                    kafka.commitAsync(toCommit(kafka.assignment()), (offsets, e) -> {
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
            var denied = AccessDenied.in(kafkaConnection, e);
            if (denied.isPresent()) {
                failure = refused = denied.get().getMessage();
                LOG.error("Kafka consumer stopped: {}", failure);
            } else {
                failure = e.toString();
                LOG.error("Kafka consumer failed", e);
            }
        } finally {
            try {
                Map<TopicPartition, OffsetAndMetadata> offsets = toCommit(kafka.assignment());
                if (!offsets.isEmpty()) {
                    kafka.commitSync(offsets, Duration.ofSeconds(5));
                }
            } catch (RuntimeException e) {
                LOG.warn("could not commit offsets on the way out: {}", e.toString());
            }
            try {
                kafka.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warn("could not close the Kafka consumer cleanly: {}", e.toString());
            }
            consumer = null; // the next attempt makes a new one
        }
        return failure;
    }

    private Map<String, Long> lag(KafkaConsumer<byte[], byte[]> kafka) {
        Map<String, Long> lag = new HashMap<>();
        for (TopicPartition tp : kafka.assignment()) {
            OptionalLong l = kafka.currentLag(tp);
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

    /** Blocks until the consumer thread has ended; returns why Kafka refused the client, or null after {@link #close()}. */
    public String awaitStopped() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join();
        }
        return refused;
    }

    /** Stops the thread, committing what it has read; waits up to 10 s. */
    @Override
    public void close() {
        closing = true;
        closed.countDown(); // ends a back-off wait
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup(); // ends a poll; harmless on a consumer already closed
        }
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
        } else if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }

    /** Commits on revoke; on assign, seeks each partition to where its counts must be rebuilt from. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> kafka;

        Rebalance(KafkaConsumer<byte[], byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                Map<TopicPartition, OffsetAndMetadata> offsets = toCommit(partitions);
                if (!offsets.isEmpty()) {
                    kafka.commitSync(offsets);
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
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.committed(set);
            Map<TopicPartition, Long> ends = kafka.endOffsets(set);
            Map<TopicPartition, OffsetAndTimestamp> byTime = kafka.offsetsForTimes(
                    set.stream().collect(Collectors.toMap(Function.identity(), tp -> from)));
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                long end = ends.getOrDefault(tp, 0L);
                OffsetAndTimestamp t = byTime.get(tp);
                Long ours = positions.get(tp);
                long start = StartOffsets.choose(ours, t == null ? null : t.offset(), end);
                committedFloor.put(tp, c == null ? 0L : c.offset());
                backlogEnd.put(tp, end);
                kafka.seek(tp, start);
                LOG.info("{}: reading from offset {} ({}), end {}, group committed {}", tp, start,
                        ours != null ? "where this process left it" : "the look-back of " + lookback.toSeconds() + " s",
                        end, c == null ? "nothing" : c.offset());
            }
        }
    }
}

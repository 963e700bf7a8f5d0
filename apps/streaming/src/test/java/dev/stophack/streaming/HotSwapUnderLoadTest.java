package dev.stophack.streaming;

import static dev.stophack.streaming.support.Events.T0;
import static dev.stophack.streaming.support.Events.memory;
import static dev.stophack.streaming.support.Events.process;
import static org.apache.spark.sql.functions.max;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.scoring.LoadedModel;
import dev.stophack.streaming.support.Await;
import dev.stophack.streaming.support.FixtureModels;
import dev.stophack.streaming.support.IngestBatches;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Models are promoted while events keep arriving: every micro-batch must be scored by exactly one
 * version per kind (the one current when it started) and each event be persisted once, scored
 * by that version's rule. Spark's progress reports say which batch read which record.
 */
class HotSwapUnderLoadTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().kafka().s3().build();
    static final Duration WAIT = Duration.ofMinutes(2);
    /** CPU 30: normal for process v1 (CPU > 50), an attack for v2 (CPU > 20). */
    static final int CPU = 30;
    /** MEM 3: normal for memory v1 (MEM > 5), an attack for v2 (MEM > 2). */
    static final int MEM = 3;
    static final Map<EventKind, Map<Integer, Double>> PREDICTION = Map.of(
            EventKind.PROCESS, Map.of(1, 0.0, 2, 1.0),
            EventKind.MEMORY, Map.of(1, 0.0, 2, 1.0));

    @Test
    void everyBatchIsScoredByOneVersionPerKindWhileModelsChangeUnderLoad() throws Exception {
        StreamRig rig = new StreamRig(SERVICES);
        FixtureModels.publish(rig.store, EventKind.PROCESS, FixtureModels.processModel(rig.spark, 50), "first");
        FixtureModels.publish(rig.store, EventKind.MEMORY, FixtureModels.memoryModel(rig.spark, 5), "first");
        int process2 = FixtureModels.save(rig.store, EventKind.PROCESS, FixtureModels.processModel(rig.spark, 20));
        int memory2 = FixtureModels.save(rig.store, EventKind.MEMORY, FixtureModels.memoryModel(rig.spark, 2));
        IngestBatches batches = new IngestBatches();
        rig.spark.streams().addListener(batches);
        Load load = new Load(rig);
        try (StreamJob job = new StreamJob(rig.spark, rig.settings("swap-load", false, Duration.ofSeconds(1)), rig.store,
                new StreamMetrics()).start()) {
            load.start();
            Await.until(WAIT, "two batches under load", () -> batches.latest() >= 1);
            promote(rig, job, batches, EventKind.PROCESS, process2);
            promote(rig, job, batches, EventKind.MEMORY, memory2);
            load.stop();
            Await.until(WAIT, "every event persisted", () -> persisted(rig) >= load.sent());
            Await.until(WAIT, "every batch reported", () -> reported(rig, batches));
        } finally {
            load.stop();
            rig.spark.streams().removeListener(batches);
        }

        for (EventKind kind : EventKind.values()) {
            Dataset<Row> events = rig.parquet(S3Layout.events(kind));
            assertThat(events.count()).as("%s events, duplicates included", kind)
                    .isEqualTo(events.select("kafka_partition", "kafka_offset").distinct().count())
                    .isEqualTo(load.sent(kind));
            TreeMap<Long, Set<Integer>> versionsByBatch = new TreeMap<>();
            for (Row r : events.select("kafka_partition", "kafka_offset", "model_version", "prediction").collectAsList()) {
                long batch = batches.batchOf(kind.topic(), r.getInt(0), r.getLong(1)).orElseThrow(
                        () -> new AssertionError("no ingest batch reported reading " + r));
                versionsByBatch.computeIfAbsent(batch, b -> new TreeSet<>()).add(r.getInt(2));
                assertThat(r.getDouble(3)).as("prediction of %s by v%d", kind, r.getInt(2))
                        .isEqualTo(PREDICTION.get(kind).get(r.getInt(2)));
            }
            assertThat(versionsByBatch.values()).as("%s: one version per batch %s", kind, versionsByBatch)
                    .allSatisfy(v -> assertThat(v).hasSize(1));
            List<Integer> order = versionsByBatch.values().stream().map(v -> v.iterator().next()).toList();
            assertThat(order).as("%s versions by batch", kind).isSorted();
            assertThat(new TreeSet<>(order)).containsExactlyElementsOf(PREDICTION.get(kind).keySet().stream().sorted().toList());
        }
    }

    /** Promotes {@code version} and waits until it was taken and two more batches ran under the load. */
    private static void promote(StreamRig rig, StreamJob job, IngestBatches batches, EventKind kind, int version)
            throws Exception {
        rig.store.activate(kind, version, "retrained");
        Await.until(WAIT, kind + " v" + version + " taken",
                () -> job.models().current(kind).map(LoadedModel::version).orElse(0) == version);
        long taken = batches.latest();
        Await.until(WAIT, "two batches after " + kind + " v" + version, () -> batches.latest() >= taken + 2);
    }

    private static long persisted(StreamRig rig) {
        return count(rig, EventKind.PROCESS) + count(rig, EventKind.MEMORY);
    }

    private static long count(StreamRig rig, EventKind kind) {
        try {
            return rig.parquet(S3Layout.events(kind)).count();
        } catch (Exception e) { // nothing written yet: Spark cannot infer a schema
            return 0;
        }
    }

    /** Whether the progress reports cover the last persisted record of every partition. */
    private static boolean reported(StreamRig rig, IngestBatches batches) {
        for (EventKind kind : EventKind.values()) {
            for (Row last : rig.parquet(S3Layout.events(kind)).groupBy("kafka_partition").agg(max("kafka_offset"))
                    .collectAsList()) {
                if (batches.batchOf(kind.topic(), last.getInt(0), last.getLong(1)).isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A producer thread: twenty events of each kind every 200 ms, all of machine 4, distinct PIDs. */
    private static final class Load {
        private final StreamRig rig;
        private final AtomicBoolean running = new AtomicBoolean();
        private final Map<EventKind, AtomicLong> sent = new EnumMap<>(EventKind.class);
        private Thread thread;
        private volatile Throwable failure;

        Load(StreamRig rig) {
            this.rig = rig;
            for (EventKind kind : EventKind.values()) {
                sent.put(kind, new AtomicLong());
            }
        }

        void start() {
            running.set(true);
            thread = new Thread(() -> {
                try (KafkaProducer<String, byte[]> producer = rig.producer()) {
                    int n = 0;
                    while (running.get()) {
                        for (int i = 0; i < 20; i++, n++) {
                            producer.send(new ProducerRecord<>(Topics.PROCESS, "4",
                                    bytes(process(4, n, "job", T0 + n % 100, CPU))), (m, e) -> count(EventKind.PROCESS, e));
                            producer.send(new ProducerRecord<>(Topics.MEMORY, "4",
                                    bytes(memory(4, n, "job", T0 + n % 100, MEM, 0))), (m, e) -> count(EventKind.MEMORY, e));
                        }
                        producer.flush();
                        Thread.sleep(200);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failure = e;
                }
            }, "load");
            thread.start();
        }

        private void count(EventKind kind, Exception e) {
            if (e == null) {
                sent.get(kind).incrementAndGet();
            } else {
                failure = e;
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join();
            }
            if (failure != null) {
                throw new AssertionError("the load could not be produced", failure);
            }
        }

        long sent(EventKind kind) {
            return sent.get(kind).get();
        }

        long sent() {
            return sent(EventKind.PROCESS) + sent(EventKind.MEMORY);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package dev.stophack.streaming.support;

import dev.stophack.api.s3.S3Layout;
import dev.stophack.config.KafkaConnection;
import dev.stophack.embedded.s3.EmbeddedS3;
import dev.stophack.models.ModelStore;
import dev.stophack.storage.S3BlobStore;
import dev.stophack.streaming.StreamJob;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.parse.Plausibility;
import dev.stophack.streaming.settings.StreamSettings;
import dev.stophack.testkit.LocalSpark;
import dev.stophack.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.s3.S3Client;

/** The real pieces a streaming test needs, wired together: Kafka, S3, local Spark on s3a, the model store. */
public final class StreamRig {
    /** S3, and Kafka unless the test runs its own broker. */
    public final TestServices services;
    public final EmbeddedS3 s3;
    public final SparkSession spark;
    public final ModelStore store;

    /** Kafka's {@code host:port}. */
    public final String bootstrap;
    private final KafkaConnection connection;

    public StreamRig(TestServices services) {
        this(services, services.s3(), services.s3Client());
    }

    /** Kafka from {@code services}, S3 from {@code s3}: for tests that stop and restart S3 themselves. */
    public StreamRig(TestServices services, EmbeddedS3 s3, S3Client client) {
        this(services.kafkaConnection(), services, s3, client);
    }

    /** Kafka at {@code bootstrap} (a broker the test runs itself), S3 from {@code services}. */
    public StreamRig(String bootstrap, TestServices services) {
        this(KafkaConnection.plaintext(bootstrap), services, services.s3(), services.s3Client());
    }

    private StreamRig(KafkaConnection connection, TestServices services, EmbeddedS3 s3, S3Client client) {
        this.connection = connection;
        this.bootstrap = connection.bootstrap();
        this.services = services;
        this.s3 = s3;
        this.spark = LocalSpark.session(s3);
        this.store = new ModelStore(new S3BlobStore(client, s3.bucket(), S3Layout.MODELS));
    }

    private String s3a(String path) {
        return "s3a://" + s3.bucket() + "/" + path;
    }

    /** The test services' broker as they reach it (plaintext or logged in), or the test's own broker in plaintext. */
    public KafkaConnection connection() {
        return connection;
    }

    /** Settings against the test services; {@code run} names the checkpoint root, so runs can share or not. */
    public StreamSettings settings(String run, boolean once, Duration trigger) {
        return new StreamSettings(connection(), "s3a://" + s3.bucket(),
                s3a(S3Layout.CHECKPOINTS + "/" + run), trigger, once, "earliest", 100_000, 2,
                Duration.ofMillis(500), Plausibility.DEFAULT_MAX_FUTURE);
    }

    /** The same, writing under {@code outputs/} of the bucket instead of its root. */
    public StreamSettings settings(String run, boolean once, Duration trigger, String outputs) {
        StreamSettings s = settings(run, once, trigger);
        return new StreamSettings(s.kafka(), s.outputRoot() + "/" + outputs, s.checkpointRoot(), s.trigger(), s.once(),
                s.startingOffsets(), s.maxOffsetsPerTrigger(), s.shufflePartitions(), s.modelPoll(), s.maxFuture());
    }

    /** Runs the job until it has caught up with Kafka (Trigger.AvailableNow), then stops it. */
    public StreamMetrics runOnce(String run) throws InterruptedException {
        return runOnce(settings(run, true, Duration.ofSeconds(1)));
    }

    /** The same with {@code settings}. */
    public StreamMetrics runOnce(StreamSettings settings) throws InterruptedException {
        StreamMetrics metrics = new StreamMetrics();
        try (StreamJob job = new StreamJob(spark, settings, store, metrics)) {
            job.run();
        }
        return metrics;
    }

    /** Sends {@code values} to {@code topic} keyed by {@code key}, waiting for every acknowledgement. */
    public void produce(String topic, String key, List<String> values) {
        send(values.stream().map(v -> new ProducerRecord<>(topic, key, v.getBytes(StandardCharsets.UTF_8))).toList());
    }

    /** Sends {@code records} (any bytes, any timestamp), waiting for every acknowledgement. */
    public void send(List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<String, byte[]> r : records) {
                sent.add(producer.send(r));
                if (sent.size() == 1) {
                    sent.get(0).get(); // a broker that refuses us fails here once, not once per record
                }
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot produce", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A producer of string keys and byte values to this rig's Kafka, logged in as the rig is; the caller closes it. */
    public KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.putAll(connection.clientProperties());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** Everything on {@code topic} now: reads until {@code atMost} records or four quiet seconds. */
    public List<ConsumerRecord<String, String>> readAll(String topic, int atMost) {
        Properties p = new Properties();
        p.putAll(connection.clientProperties());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long quietSince = System.nanoTime();
            while (records.size() < atMost && System.nanoTime() - quietSince < Duration.ofSeconds(4).toNanos()) {
                int before = records.size();
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                if (records.size() > before) {
                    quietSince = System.nanoTime();
                }
            }
        }
        return records;
    }

    /** A parquet output's rows in order, or none when nothing was written to it yet. */
    public List<Row> rows(String path, String... orderBy) {
        try {
            Dataset<Row> df = parquet(path);
            return (orderBy.length == 0 ? df : df.orderBy(orderBy[0], java.util.Arrays.copyOfRange(orderBy, 1, orderBy.length)))
                    .collectAsList();
        } catch (Exception e) { // Spark's AnalysisException: checked, but thrown from Scala without a throws clause
            String m = String.valueOf(e.getMessage());
            if (m.contains("Unable to infer schema") || m.contains("PATH_NOT_FOUND")) {
                return List.of(); // nothing written yet, or only the sink's log
            }
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /** A parquet output under the bucket, read as a table (honouring its _spark_metadata log). */
    public Dataset<Row> parquet(String path) {
        return spark.read().parquet(s3a(path));
    }
}

package dev.stophack.testkit;

import dev.stophack.config.KafkaConnection;
import dev.stophack.embedded.kafka.EmbeddedKafka;
import dev.stophack.embedded.s3.EmbeddedS3;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real Kafka broker and/or S3 endpoint on free 127.0.0.1 ports for a test, with the clients a
 * test needs. Either a JUnit 5 extension shared by a test class:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final TestServices services = TestServices.builder().kafka().s3().build();
 * </pre>
 *
 * or, for one test, {@code try (TestServices services = TestServices.builder().s3(dir).start())}.
 * A secured broker: {@code builder().kafkaScram(Map.of("alice", "alice-secret"))}; its clients log
 * in as the first user unless told otherwise ({@link #kafkaConnection(String)}).
 */
public final class TestServices implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private final boolean withKafka;
    private final boolean withS3;
    private final Path s3DataDir;
    private final Map<String, String> scramUsers;
    private final String s3AccessKey;
    private final String s3SecretKey;
    private EmbeddedKafka kafka;
    private EmbeddedS3 s3;
    private S3Client s3Client;

    private TestServices(Builder builder) {
        this.withKafka = builder.kafka;
        this.withS3 = builder.s3;
        this.s3DataDir = builder.s3DataDir;
        this.scramUsers = builder.scramUsers;
        this.s3AccessKey = builder.s3AccessKey;
        this.s3SecretKey = builder.s3SecretKey;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Which services to run. */
    public static final class Builder {
        private boolean kafka;
        private boolean s3;
        private Path s3DataDir;
        private Map<String, String> scramUsers = Map.of();
        private String s3AccessKey = EmbeddedS3.DEFAULT_ACCESS_KEY;
        private String s3SecretKey = EmbeddedS3.DEFAULT_SECRET_KEY;

        private Builder() {
        }

        /** A broker whose port takes SASL_PLAINTEXT with SCRAM-SHA-512 for these users (name to password). */
        public Builder kafkaScram(Map<String, String> users) {
            this.kafka = true;
            this.scramUsers = new LinkedHashMap<>(users);
            return this;
        }

        /** S3 that takes this key pair instead of the built-in one. */
        public Builder s3Keys(String accessKey, String secretKey) {
            this.s3AccessKey = accessKey;
            this.s3SecretKey = secretKey;
            return this;
        }

        /** A broker with a temporary log directory and stophack's topics. */
        public Builder kafka() {
            this.kafka = true;
            return this;
        }

        /** S3 in memory, default keys and bucket. */
        public Builder s3() {
            this.s3 = true;
            return this;
        }

        /** S3 kept in {@code dataDir}, for tests that restart it or need the persistent store. */
        public Builder s3(Path dataDir) {
            this.s3 = true;
            this.s3DataDir = dataDir;
            return this;
        }

        /** Not started yet: for {@code @RegisterExtension}, which starts it before all tests. */
        public TestServices build() {
            if (!kafka && !s3) {
                throw new IllegalStateException("choose kafka(), s3() or both");
            }
            return new TestServices(this);
        }

        public TestServices start() {
            return build().start();
        }
    }

    /** Starts the chosen services; stops those already started if one fails. */
    public synchronized TestServices start() {
        if (kafka != null || s3 != null) {
            throw new IllegalStateException("already started");
        }
        try {
            if (withS3) {
                s3 = new EmbeddedS3(0, s3DataDir, s3AccessKey, s3SecretKey, EmbeddedS3.DEFAULT_BUCKET).start();
            }
            if (withKafka) {
                kafka = new EmbeddedKafka();
                if (!scramUsers.isEmpty()) {
                    kafka.withScramUsers(scramUsers);
                }
                kafka.start();
            }
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public synchronized void close() {
        // clients before servers; every one is closed even when another fails
        List<AutoCloseable> open = new ArrayList<>();
        for (AutoCloseable c : new AutoCloseable[] {s3Client, kafka, s3}) {
            if (c != null) {
                open.add(c);
            }
        }
        s3Client = null;
        kafka = null;
        s3 = null;
        IllegalStateException failure = null;
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("cannot stop test services", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    // ---- Kafka

    public EmbeddedKafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException("Kafka not started: use builder().kafka()");
        }
        return kafka;
    }

    public String bootstrapServers() {
        return kafka().bootstrapServers();
    }

    /** How to reach the broker: plaintext, or logged in as the first SCRAM user. */
    public KafkaConnection kafkaConnection() {
        return kafka().connection(scramUsers.isEmpty() ? null : scramUsers.keySet().iterator().next());
    }

    /** How to reach the broker logged in as {@code user}. */
    public KafkaConnection kafkaConnection(String user) {
        return kafka().connection(user);
    }

    /** The SCRAM users the broker was started with, name to password (empty: plaintext). */
    public Map<String, String> scramUsers() {
        return Map.copyOf(scramUsers);
    }

    /**
     * Writes a {@code --kafka-config} file for a SCRAM-SHA-512 login as {@code user} with
     * {@code password} on a SASL_PLAINTEXT listener; returns {@code file}.
     */
    public static Path writeKafkaConfig(Path file, String user, String password) throws IOException {
        return writeKafkaConfig(file, EmbeddedKafka.scramClientSettings(user, password));
    }

    /** Writes {@code settings} as a properties file; returns {@code file}. */
    public static Path writeKafkaConfig(Path file, Map<String, String> settings) throws IOException {
        Properties p = new Properties();
        p.putAll(settings);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, null);
        }
        return file;
    }

    /** A producer of string keys and values; the caller closes it. */
    public KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.putAll(kafkaConnection().clientProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /**
     * A consumer of string keys and values that starts at the earliest offset in group
     * {@code groupId}; the caller closes it.
     */
    public KafkaConsumer<String, String> consumer(String groupId) {
        Properties p = new Properties();
        p.putAll(kafkaConnection().clientProperties());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public RecordMetadata send(String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = producer()) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send to " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        }
    }

    /**
     * Reads {@code topic} from the beginning in a fresh consumer group until {@code count} records
     * arrived or {@code timeout} passed; returns what arrived, so the test's assertion says what
     * was missing.
     */
    public List<ConsumerRecord<String, String>> read(String topic, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer("test-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    // ---- S3

    public EmbeddedS3 s3() {
        if (s3 == null) {
            throw new IllegalStateException("S3 not started: use builder().s3()");
        }
        return s3;
    }

    public String s3Endpoint() {
        return s3().endpoint();
    }

    public String accessKey() {
        return s3().accessKey();
    }

    public String secretKey() {
        return s3().secretKey();
    }

    public String bucket() {
        return s3().bucket();
    }

    /** {@code s3a://BUCKET/path}, for Spark. */
    public String s3a(String path) {
        return "s3a://" + bucket() + "/" + path;
    }

    /** One plain S3 client for the endpoint, closed with these services. */
    public synchronized S3Client s3Client() {
        if (s3Client == null) {
            s3Client = s3Client(s3());
        }
        return s3Client;
    }

    /** A new plain S3 client for {@code s3}; the caller closes it. */
    public static S3Client s3Client(EmbeddedS3 s3) {
        return S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}

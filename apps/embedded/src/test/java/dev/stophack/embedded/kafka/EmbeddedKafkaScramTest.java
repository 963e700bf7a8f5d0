package dev.stophack.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stophack.api.kafka.Topics;
import dev.stophack.config.KafkaConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker as a secured cluster: SASL_PLAINTEXT with SCRAM-SHA-512 users, as a Strimzi listener. */
class EmbeddedKafkaScramTest {
    @TempDir
    Path tmp;

    @Test
    void usersLogInWithTheirPasswordAndNobodyElseDoes() throws Exception {
        Path data = tmp.resolve("kafka");
        try (EmbeddedKafka kafka = new EmbeddedKafka(0, data).withScramUsers(Map.of("alice", "alice-pw", "bob", "b\"o\\b")).start()) {
            assertThat(kafka.describe()).endsWith("(SASL_PLAINTEXT, SCRAM-SHA-512)");
            try (KafkaProducer<String, String> producer = producer(kafka.connection("alice"))) {
                producer.send(new ProducerRecord<>(Topics.PROCESS, "m1", "v1")).get(30, TimeUnit.SECONDS);
            }
            assertThat(read(kafka.connection("bob"), Topics.PROCESS)).extracting(ConsumerRecord::value).containsExactly("v1");

            KafkaConnection wrong = KafkaConnection.of(kafka.bootstrapServers(), EmbeddedKafka.scramClientSettings("alice", "guess"));
            assertThatThrownBy(() -> describe(wrong)).hasCauseInstanceOf(SaslAuthenticationException.class);
            KafkaConnection plain = KafkaConnection.plaintext(kafka.bootstrapServers());
            assertThatThrownBy(() -> describe(plain)).as("no way in without a login")
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
        // a restart on the same directory takes the users it is given now
        try (EmbeddedKafka kafka = new EmbeddedKafka(0, data).withScramUsers(Map.of("alice", "new-pw")).start()) {
            describe(kafka.connection("alice"));
            KafkaConnection old = KafkaConnection.of(kafka.bootstrapServers(), EmbeddedKafka.scramClientSettings("alice", "alice-pw"));
            assertThatThrownBy(() -> describe(old)).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void theUsersFileIsUserEqualsPassword() throws Exception {
        Path file = Files.writeString(tmp.resolve("users.properties"), "alice=a-pw\nstream-job = s=pw\n");
        assertThat(ScramUsersFile.read(file)).containsExactly(Map.entry("alice", "a-pw"), Map.entry("stream-job", "s=pw"));
        Path empty = Files.writeString(tmp.resolve("empty.properties"), "# nobody\n");
        assertThatThrownBy(() -> ScramUsersFile.read(empty)).hasMessageContaining("no users");
        assertThatThrownBy(() -> ScramUsersFile.read(tmp.resolve("none"))).hasMessageEndingWith(": no such file");
    }

    private static void describe(KafkaConnection kafka) throws Exception {
        Map<String, Object> conf = kafka.clientProperties();
        conf.put("default.api.timeout.ms", 3_000);
        conf.put("request.timeout.ms", 2_000);
        try (Admin admin = Admin.create(conf)) {
            admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(KafkaConnection kafka) {
        Properties p = new Properties();
        p.putAll(kafka.clientProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static List<ConsumerRecord<String, String>> read(KafkaConnection kafka, String topic) {
        Properties p = new Properties();
        p.putAll(kafka.clientProperties());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "t-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> out = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}

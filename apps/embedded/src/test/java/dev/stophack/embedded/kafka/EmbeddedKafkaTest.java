package dev.stophack.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.stophack.api.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
    @TempDir
    Path tmp;

    @Test
    void servesTheTopicsAndKeepsRecordsAcrossARestart() throws Exception {
        Path data = tmp.resolve("kafka");
        String value = "{\"machine\":\"m1\",\"ts\":" + System.currentTimeMillis() / 1000 + "}";

        try (EmbeddedKafka kafka = new EmbeddedKafka(0, data).start()) {
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames().get();
                assertThat(topics).containsOnlyKeys(Topics.ALL);
                assertThat(topics.values()).allSatisfy(t ->
                        assertThat(t.partitions()).hasSize(Topics.DEFAULT_PARTITIONS));
            }
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                producer.send(new ProducerRecord<>(Topics.PROCESS, "m1", value)).get();
            }
            assertThat(readAll(kafka.bootstrapServers(), Topics.PROCESS, 1))
                    .extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly(tuple("m1", value));
        }

        assertThat(data.resolve("meta.properties")).exists();

        // same directory, new port: the record written before is still there, topics are not recreated
        try (EmbeddedKafka kafka = new EmbeddedKafka(0, data).start()) {
            assertThat(readAll(kafka.bootstrapServers(), Topics.PROCESS, 1))
                    .extracting(ConsumerRecord::value)
                    .containsExactly(value);
        }
    }

    @Test
    void deletesItsTemporaryDirectoryOnClose() {
        EmbeddedKafka kafka = new EmbeddedKafka().start();
        Path dir = kafka.dataDir();
        assertThat(dir.resolve("meta.properties")).exists();
        kafka.close();
        assertThat(dir).doesNotExist();
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** Reads {@code topic} from the start with a fresh consumer group until {@code expected} records came. */
    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}

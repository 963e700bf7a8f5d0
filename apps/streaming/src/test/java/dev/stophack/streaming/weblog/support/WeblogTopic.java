package dev.stophack.streaming.weblog.support;

import dev.stophack.api.kafka.Topics;
import dev.stophack.testkit.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Puts access-log lines on the {@code weblog} topic as the producer does: keyed by their first field. */
public final class WeblogTopic {
    private WeblogTopic() {
    }

    public static void produce(TestServices services, List<String> lines) {
        try (KafkaProducer<String, String> producer = services.producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (String line : lines) {
                int sp = line.indexOf(' ');
                sent.add(producer.send(new ProducerRecord<>(Topics.WEBLOG, sp > 0 ? line.substring(0, sp) : null, line)));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot produce to " + Topics.WEBLOG, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void produce(TestServices services, Path log) throws java.io.IOException {
        produce(services, Files.readAllLines(log));
    }
}

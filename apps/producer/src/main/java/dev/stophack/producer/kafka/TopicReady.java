package dev.stophack.producer.kafka;

import dev.stophack.config.KafkaConnection;
import dev.stophack.kafka.AccessDenied;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until every partition of a topic is online on its leader before the first event is sent.
 *
 * <p>Why: a broker up to Kafka 3.9 that has no state for a producer accepts any first sequence
 * number. On a partition created moments ago, the producer's first batch can fail with
 * NOT_LEADER_OR_FOLLOWER while the next in-flight batch arrives after the partition came
 * online and is written; the first batch is then out of order forever and expires, lost
 * despite idempotence and acks=all (KAFKA-15591, KAFKA-14312; seen in our benchmark). A
 * ListOffsets that succeeds on every partition means the leader has the log, so produce
 * requests meet the same state.
 */
public final class TopicReady {
    private static final Logger LOG = LoggerFactory.getLogger(TopicReady.class);
    private static final long RETRY_MILLIS = 50;

    private TopicReady() {
    }

    /**
     * Returns when {@code topic} exists and all its partitions answer on their leader, or after
     * {@code timeout} with a warning (Kafka may come later; sends then wait and retry).
     * Returns whether the topic is ready. Kafka refusing the client is not a wait: it throws
     * {@link AccessDenied}.
     */
    public static boolean await(String bootstrap, String topic, Duration timeout) {
        return await(KafkaConnection.plaintext(bootstrap), topic, timeout);
    }

    public static boolean await(KafkaConnection kafka, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = kafka.overlay(Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.CLIENT_ID_CONFIG, "stophack-producer-topic-check"));
        try (Admin admin = Admin.create(config)) {
            TopicDescription description = describe(admin, topic, deadline);
            Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
            // the admin client retries NOT_LEADER_OR_FOLLOWER and friends until the partition is online
            admin.listOffsets(latest).all().get(remaining(deadline), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            AccessDenied.rethrow(kafka, e);
            Throwable why = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.warn("topic {} at {} is not ready after {} s ({}); sending anyway, Kafka will be retried",
                    topic, kafka.bootstrap(), timeout.toSeconds(), why.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The topic's description; a topic created a moment ago may be unknown to the broker for a few milliseconds. */
    private static TopicDescription describe(Admin admin, String topic, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get(remaining(deadline), TimeUnit.NANOSECONDS).get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(RETRY_MILLIS);
            }
        }
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }
}

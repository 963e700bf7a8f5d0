package dev.stophack.consumer.kafka;

import java.util.Map;
import java.util.TreeMap;

/**
 * How the Kafka side is doing, written by the consumer thread and read by the HTTP threads and
 * the log line. Plain volatile fields: each is one consistent value on its own.
 */
public final class ConsumerStatus {
    private final String bootstrap;
    private final String group;
    private volatile long startedMillis;
    private volatile long lastPollMillis;
    private volatile int assignedPartitions;
    private volatile Map<String, Long> lagByTopic = Map.of();
    private volatile boolean running;
    private volatile String failure;

    public ConsumerStatus(String bootstrap, String group) {
        this.bootstrap = bootstrap;
        this.group = group;
    }

    public String bootstrap() {
        return bootstrap;
    }

    public String group() {
        return group;
    }

    public long startedMillis() {
        return startedMillis;
    }

    /** When the consumer thread last came back from a poll, or 0 before the first. */
    public long lastPollMillis() {
        return lastPollMillis;
    }

    /** Partitions of the three topics assigned to this consumer; 0 until it has joined its group. */
    public int assignedPartitions() {
        return assignedPartitions;
    }

    /** Records not yet read, per topic, as of the last fetch. */
    public Map<String, Long> lagByTopic() {
        return lagByTopic;
    }

    public long totalLag() {
        return lagByTopic.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean running() {
        return running;
    }

    /** Why the consumer thread stopped, or null. */
    public String failure() {
        return failure;
    }

    void started(long now) {
        startedMillis = now;
        running = true;
    }

    void polled(long now, int assigned, Map<String, Long> lag) {
        lastPollMillis = now;
        assignedPartitions = assigned;
        lagByTopic = Map.copyOf(new TreeMap<>(lag));
    }

    void stopped(String why) {
        failure = why;
        running = false;
    }
}

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
    private volatile String lastFailure;
    private volatile long restarts;
    private volatile long backoffMillis;
    private volatile boolean stopped;

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

    /** When the current attempt of the consumer thread started. */
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

    /** Whether the consumer thread is polling (false before it starts, while it waits to restart, and once stopped). */
    public boolean running() {
        return running;
    }

    /** Why the consumer thread is down right now (it waits to be restarted), or null. */
    public String failure() {
        return failure;
    }

    /** The most recent failure, kept after the thread is back, or null if it never failed. */
    public String lastFailure() {
        return lastFailure;
    }

    /** How many times the consumer thread was restarted after a failure. */
    public long restarts() {
        return restarts;
    }

    /** The wait before the pending restart, while {@link #failure()} is set. */
    public long backoffMillis() {
        return backoffMillis;
    }

    /** Whether the consumer thread has ended (closed): no restart follows. */
    public boolean ended() {
        return stopped;
    }

    void started(long now) {
        startedMillis = now;
        failure = null;
        running = true;
    }

    void polled(long now, int assigned, Map<String, Long> lag) {
        lastPollMillis = now;
        assignedPartitions = assigned;
        lagByTopic = Map.copyOf(new TreeMap<>(lag));
    }

    /** The thread failed with {@code why}; a restart follows after {@code backoff} ms. */
    void failed(String why, long backoff) {
        running = false;
        backoffMillis = backoff;
        lastFailure = why;
        failure = why;
        assignedPartitions = 0;
    }

    /** The back-off is over: a new attempt begins. Only the consumer thread writes, so ++ is safe. */
    void restarting() {
        restarts++;
    }

    void stopped() {
        running = false;
        stopped = true;
    }
}

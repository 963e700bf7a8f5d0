package dev.stophack.faults.feed;

/** Where a scenario's records go: a {@link Feeder}, or several that must hold the same records. */
@FunctionalInterface
public interface RecordSink {
    void send(String topic, String key, byte[] value, boolean bad);
}

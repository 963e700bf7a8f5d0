package dev.stophack.producer.run;

/** Where the runs put events: Kafka in production (see {@code KafkaEventSink}). */
public interface EventSink {
    /**
     * Hands one row over for sending, keyed by {@code machine}, stamped {@code ts} (Unix
     * seconds). {@code cycle} is the schedule cycle it leaves in, 0 in load mode.
     */
    void send(String machine, String[] row, long ts, long cycle);

    /** Returns when everything handed over so far has been acknowledged or has failed. */
    void flush();
}

package dev.stophack.producer.run;

import dev.stophack.producer.source.MachineRows;

/** Where the runs put events: Kafka in production (see {@code KafkaEventSink}). */
public interface EventSink {
    /**
     * Hands row {@code row} of {@code machine} over for sending, keyed by the machine id,
     * stamped {@code ts} (Unix seconds). {@code cycle} is the schedule cycle it leaves in, 0 in
     * load mode.
     */
    void send(MachineRows machine, int row, long ts, long cycle);

    /** Returns when everything handed over so far has been acknowledged or has failed. */
    void flush();
}

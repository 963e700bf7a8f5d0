package dev.stophack.events;

import java.util.List;

/** The Kafka topics of stophack: one place for their names and how they are created. */
public final class Topics {
    /** Process events, key = machine id, value = JSON (see {@link EventJson}). */
    public static final String PROCESS = EventKind.PROCESS.topic();
    /** Memory events, key = machine id, value = JSON. */
    public static final String MEMORY = EventKind.MEMORY.topic();
    /** Live potential-attack counts: {"window_start","window_end","machine","count"}. */
    public static final String ATTACK_COUNTS = "attack-counts";
    /** Detected attacks: one process+memory join row. */
    public static final String ATTACKS = "attacks";
    /** Unreadable input: {"topic","partition","offset","reason","raw"}, key = source topic. */
    public static final String DEADLETTER = "deadletter";

    /** Every topic, in the order the embedded broker creates them. */
    public static final List<String> ALL = List.of(PROCESS, MEMORY, ATTACK_COUNTS, ATTACKS, DEADLETTER);

    /** Partitions per topic on a fresh broker: two lets Spark read with two tasks on two cores. */
    public static final int DEFAULT_PARTITIONS = 2;

    private Topics() {
    }
}

package dev.stophack.api.kafka;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One value on {@link Topics#ATTACK_PREDICTIONS}, the streaming job's internal topic: either an
 * event scored as attack (its kind's columns under their TON_IoT names in {@link #columns()},
 * plus {@code CMD_PID}, probability and model version), or a heartbeat ({@code heartbeat} true,
 * only {@code topic} and {@code event_time}) that moves the window and join queries' watermark
 * for one kind. Event times are ISO-8601 UTC with microseconds, so that fractional times join
 * exactly.
 */
public final class AttackPrediction {
    public static final String TOPIC = "topic";
    public static final String HEARTBEAT = "heartbeat";
    public static final String PARTITION = "partition";
    public static final String OFFSET = "offset";
    public static final String EVENT_TIME = "event_time";
    public static final String CMD_PID = "CMD_PID";
    public static final String P_ATTACK = "p_attack";
    public static final String MODEL_VERSION = "model_version";

    /** The source topic, {@code process} or {@code memory}: the event's kind. */
    @JsonProperty(TOPIC)
    public String topic;
    @JsonProperty(HEARTBEAT)
    public boolean heartbeat;
    /** The source record's Kafka coordinates: a replayed batch's copy of an attack has the same. */
    @JsonProperty(PARTITION)
    public Integer partition;
    @JsonProperty(OFFSET)
    public Long offset;
    @JsonProperty(EVENT_TIME)
    public String eventTime;
    @JsonProperty(CMD_PID)
    public String cmdPid;
    @JsonProperty(P_ATTACK)
    public Double pAttack;
    @JsonProperty(MODEL_VERSION)
    public Integer modelVersion;

    private final Map<String, Object> columns = new LinkedHashMap<>();

    /** The event's TON_IoT columns ({@code machine}, {@code PID}, {@code CPU}, ...); empty in a heartbeat. */
    @JsonAnyGetter
    public Map<String, Object> columns() {
        return columns;
    }

    @JsonAnySetter
    void column(String name, Object value) {
        columns.put(name, value);
    }
}

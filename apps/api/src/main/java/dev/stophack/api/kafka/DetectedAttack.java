package dev.stophack.api.kafka;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One value on {@link Topics#ATTACKS} (and one row of {@code attacks/detected/}): a process event
 * and a memory event, both predicted as attack, of the same machine and CMD_PID, with event times
 * less than 30 s apart. Times are ISO-8601 UTC with microseconds. Besides the fields below it
 * carries both events' measurements under their TON_IoT names ({@link #measurements()}).
 *
 * <p>Topics are at least once: a reader that must not count an attack twice drops repeats by
 * ({@code machine}, {@code CMD_PID}, {@code process_event_time}, {@code memory_event_time}).
 */
public final class DetectedAttack {
    public static final String MACHINE = "machine";
    public static final String CMD_PID = "CMD_PID";
    public static final String PID = "PID";
    public static final String CMD = "CMD";
    public static final String PROCESS_EVENT_TIME = "process_event_time";
    public static final String MEMORY_EVENT_TIME = "memory_event_time";
    public static final String PROCESS_SEQUENCE = "process_sequence";
    public static final String MEMORY_SEQUENCE = "memory_sequence";
    public static final String PROCESS_P_ATTACK = "process_p_attack";
    public static final String MEMORY_P_ATTACK = "memory_p_attack";
    public static final String PROCESS_MODEL_VERSION = "process_model_version";
    public static final String MEMORY_MODEL_VERSION = "memory_model_version";
    public static final String PROCESSING_TIME = "processing_time";

    @JsonProperty(MACHINE)
    public int machine;
    @JsonProperty(CMD_PID)
    public String cmdPid;
    @JsonProperty(PID)
    public int pid;
    @JsonProperty(CMD)
    public String cmd;
    @JsonProperty(PROCESS_EVENT_TIME)
    public String processEventTime;
    @JsonProperty(MEMORY_EVENT_TIME)
    public String memoryEventTime;
    @JsonProperty(PROCESS_SEQUENCE)
    public Long processSequence;
    @JsonProperty(MEMORY_SEQUENCE)
    public Long memorySequence;
    @JsonProperty(PROCESS_P_ATTACK)
    public Double processPAttack;
    @JsonProperty(MEMORY_P_ATTACK)
    public Double memoryPAttack;
    @JsonProperty(PROCESS_MODEL_VERSION)
    public Integer processModelVersion;
    @JsonProperty(MEMORY_MODEL_VERSION)
    public Integer memoryModelVersion;
    @JsonProperty(PROCESSING_TIME)
    public String processingTime;

    private final Map<String, Object> measurements = new LinkedHashMap<>();

    /** Both events' measurements under their TON_IoT names ({@code CPU}, {@code RSIZE}, ...). */
    @JsonAnyGetter
    public Map<String, Object> measurements() {
        return measurements;
    }

    @JsonAnySetter
    void measurement(String name, Object value) {
        measurements.put(name, value);
    }
}

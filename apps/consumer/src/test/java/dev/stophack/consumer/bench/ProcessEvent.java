package dev.stophack.consumer.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A whole process event bound by Jackson: what a consumer that maps every event to an object pays for. */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class ProcessEvent {
    public long sequence;
    public String machine;
    @JsonProperty("PID") public String pid;
    @JsonProperty("TRUN") public String trun;
    @JsonProperty("TSLPI") public String tslpi;
    @JsonProperty("TSLPU") public String tslpu;
    @JsonProperty("POLI") public String poli;
    @JsonProperty("NICE") public String nice;
    @JsonProperty("PRI") public String pri;
    @JsonProperty("RTPR") public String rtpr;
    @JsonProperty("CPUNR") public String cpunr;
    @JsonProperty("Status") public String status;
    @JsonProperty("EXC") public String exc;
    @JsonProperty("State") public String state;
    @JsonProperty("CPU") public String cpu;
    @JsonProperty("CMD") public String cmd;
    public long ts;
}

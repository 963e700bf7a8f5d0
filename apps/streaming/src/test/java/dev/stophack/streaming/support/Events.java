package dev.stophack.streaming.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kafka values for tests, shaped as the producers write them: every column of the kind, values
 * as JSON numbers or as the raw strings atop prints, and {@code ts} in Unix seconds.
 */
public final class Events {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** 2024-03-01T10:00:00Z: the start of a 2-minute window. */
    public static final long T0 = 1_709_287_200L;

    private Events() {
    }

    /** A process event; {@code cpu} is a number or a raw string. */
    public static String process(int machine, int pid, String cmd, long ts, Object cpu) {
        ObjectNode n = JSON.createObjectNode();
        n.put("sequence", SEQUENCE.incrementAndGet());
        n.put("machine", machine);
        n.put("PID", pid);
        n.put("TRUN", 0);
        n.put("TSLPI", 1);
        n.put("TSLPU", 0);
        n.put("POLI", "norm");
        n.put("NICE", 0);
        n.put("PRI", 120);
        n.put("RTPR", 0);
        n.put("CPUNR", 1);
        n.put("Status", "--");
        n.put("EXC", 0);
        n.put("State", "S");
        n.putPOJO("CPU", cpu);
        n.put("CMD", cmd);
        n.put("ts", ts);
        return n.toString();
    }

    /** A memory event; {@code mem} and {@code minflt} are numbers or raw strings. */
    public static String memory(int machine, int pid, String cmd, long ts, Object mem, Object minflt) {
        ObjectNode n = JSON.createObjectNode();
        n.put("sequence", SEQUENCE.incrementAndGet());
        n.put("machine", machine);
        n.put("PID", pid);
        n.putPOJO("MINFLT", minflt);
        n.put("MAJFLT", 0);
        n.put("VSTEXT", "12K");
        n.put("VSIZE", "1.2G");
        n.put("RSIZE", "300M");
        n.put("VGROW", "0K");
        n.put("RGROW", "-4K");
        n.putPOJO("MEM", mem);
        n.put("CMD", cmd);
        n.put("ts", ts);
        return n.toString();
    }
}

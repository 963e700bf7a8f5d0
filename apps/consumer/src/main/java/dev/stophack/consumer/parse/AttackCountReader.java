package dev.stophack.consumer.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.consumer.window.AttackCount;
import java.io.IOException;

/**
 * Reads one {@code attack-counts} value: {@code {"window_start","window_end","machine","count"}}
 * (see {@link TimeValues} for the window bounds). Spark's own shape, a {@code window} object with
 * {@code start} and {@code end}, is read too. The machine comes from the value, else the key.
 */
public final class AttackCountReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a read gave: a count, or the reason there is none. */
    public record Result(AttackCount count, SkipReason failure) {
    }

    public Result read(String keyMachine, byte[] value) {
        JsonNode root;
        try {
            root = value == null ? null : JSON.readTree(value);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            return new Result(null, SkipReason.NOT_JSON);
        }
        JsonNode machineNode = root.get("machine");
        String machine = machineNode != null && machineNode.isValueNode() && !machineNode.isNull()
                ? machineNode.asText().trim() : keyMachine;
        if (machine == null || machine.isEmpty()) {
            return new Result(null, SkipReason.NO_MACHINE);
        }
        JsonNode window = root.path("window");
        Long start = TimeValues.epochMillis(root.has("window_start") ? root.get("window_start") : window.get("start"));
        Long end = TimeValues.epochMillis(root.has("window_end") ? root.get("window_end") : window.get("end"));
        if (start == null || end == null || end <= start) {
            return new Result(null, SkipReason.NO_WINDOW);
        }
        Long count = count(root.get("count"));
        if (count == null) {
            return new Result(null, SkipReason.NO_COUNT);
        }
        return new Result(new AttackCount(machine, start, end, count), null);
    }

    private static Long count(JsonNode node) {
        if (node == null) {
            return null;
        }
        double v;
        if (node.isNumber()) {
            v = node.asDouble();
        } else if (node.isTextual()) {
            try {
                v = Double.parseDouble(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return Double.isFinite(v) && v >= 0 ? Math.round(v) : null;
    }
}

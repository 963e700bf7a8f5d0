package dev.stophack.consumer.detection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stophack.consumer.http.TopicJson;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code /api/detection}: detected attacks (distinct count, per minute, the latest),
 * the active model version per kind per batch with its changes, dead letters per minute by reason,
 * and whether the streaming job is silent. Times are epoch milliseconds.
 */
public final class DetectionJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DetectionJson() {
    }

    public static byte[] of(Detection.DetectionSnapshot s, boolean enabled, long at) {
        ObjectNode root = JSON.createObjectNode();
        root.put("at", at);
        root.put("enabled", enabled);
        root.put("silentAfterSeconds", Detection.SILENT_AFTER_MILLIS / 1000);
        Long lastStatus = s.topics().get(dev.stophack.api.kafka.Topics.STREAM_STATUS).lastArrivalMillis();
        root.put("streamSilent", lastStatus == null || at - lastStatus >= Detection.SILENT_AFTER_MILLIS);

        ObjectNode attacks = root.putObject("attacks");
        attacks.put("distinct", s.distinctAttacks());
        attacks.put("repeats", s.repeatedAttacks());
        ArrayNode minutes = attacks.putObject("perMinute").putArray("x");
        ArrayNode counts = ((ObjectNode) attacks.get("perMinute")).putArray("counts");
        s.attacksPerMinute().forEach((m, n) -> {
            minutes.add(m);
            counts.add(n);
        });
        ArrayNode latest = attacks.putArray("latest");
        for (LatestAttacks.Attack a : s.latest()) {
            ObjectNode n = latest.addObject();
            n.put("time", a.processingTime());
            n.put("machine", a.machine());
            n.put("cmd", a.cmd());
            n.put("cmdPid", a.cmdPid());
            putScore(n, "processPAttack", a.processPAttack());
            putScore(n, "memoryPAttack", a.memoryPAttack());
        }

        ObjectNode versions = root.putObject("versions");
        ArrayNode vx = versions.putArray("x");
        ArrayNode ids = versions.putArray("batchIds");
        s.batches().forEach(b -> {
            vx.add(b.time());
            ids.add(b.batchId());
        });
        ObjectNode lines = versions.putObject("lines");
        for (String kind : s.kinds()) {
            ArrayNode line = lines.putArray(kind);
            s.batches().forEach(b -> {
                Integer v = b.activeVersions().get(kind);
                if (v == null) {
                    line.addNull();
                } else {
                    line.add(v);
                }
            });
        }
        ArrayNode changes = versions.putArray("changes");
        for (StatusHistory.Change c : s.changes()) {
            ObjectNode n = changes.addObject();
            n.put("kind", c.kind());
            n.put("at", c.at());
            putVersion(n, "from", c.from());
            putVersion(n, "to", c.to());
        }

        ObjectNode dead = root.putObject("deadLetters");
        ArrayNode dx = dead.putArray("x");
        ObjectNode reasons = dead.putObject("reasons");
        List<String> names = s.reasons();
        names.forEach(reasons::putArray);
        for (Map.Entry<Long, Map<String, Long>> e : s.deadLettersPerMinute().entrySet()) {
            dx.add(e.getKey());
            for (String r : names) {
                ((ArrayNode) reasons.get(r)).add(e.getValue().getOrDefault(r, 0L));
            }
        }

        ObjectNode topics = root.putObject("topics");
        s.topics().forEach((name, t) -> TopicJson.put(topics, name, t));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putScore(ObjectNode n, String name, Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            n.putNull(name);
        } else {
            n.put(name, v);
        }
    }

    private static void putVersion(ObjectNode n, String name, Integer v) {
        if (v == null) {
            n.putNull(name);
        } else {
            n.put(name, v);
        }
    }
}

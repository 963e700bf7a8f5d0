package dev.stophack.consumer.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stophack.consumer.kafka.ConsumerStatus;
import dev.stophack.consumer.live.Snapshot;
import dev.stophack.consumer.window.AttackCount;
import dev.stophack.consumer.window.Series;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code /api/...}: the three charts' series and the consumer's status. Times are
 * epoch milliseconds; a series is {@code {"x":[...],"lines":{"<machine>":[y or null, ...]}}}.
 */
final class DashboardJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DashboardJson() {
    }

    static byte[] all(Snapshot s, ConsumerStatus status) {
        ObjectNode root = JSON.createObjectNode();
        root.put("at", s.at());
        root.put("windowSeconds", s.windowMillis() / 1000);
        root.put("historySeconds", s.historyMillis() / 1000);
        root.set("status", status(s, status));
        root.set("process", process(s));
        root.set("memory", memory(s));
        root.set("attacks", attacks(s));
        return bytes(root);
    }

    /** One part of {@link #all}: {@code process}, {@code memory}, {@code attacks} or {@code status}; null if unknown. */
    static byte[] part(String name, Snapshot s, ConsumerStatus status) {
        ObjectNode node;
        switch (name) {
            case "process" -> node = process(s);
            case "memory" -> node = memory(s);
            case "attacks" -> node = attacks(s);
            case "status" -> node = status(s, status);
            default -> {
                return null;
            }
        }
        node.put("at", s.at());
        return bytes(node);
    }

    static byte[] health(boolean healthy, String detail, int assignedPartitions, long restarts, String lastFailure) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", healthy ? "UP" : "DOWN");
        node.put("detail", detail);
        node.put("kafkaPartitions", assignedPartitions);
        node.put("restarts", restarts);
        node.put("lastFailure", lastFailure);
        return bytes(node);
    }

    private static ObjectNode status(Snapshot s, ConsumerStatus status) {
        ObjectNode node = JSON.createObjectNode();
        node.put("bootstrap", status.bootstrap());
        node.put("group", status.group());
        node.put("running", status.running());
        node.put("assignedPartitions", status.assignedPartitions());
        putMillis(node, "lastPollAt", status.lastPollMillis() == 0 ? null : status.lastPollMillis());
        node.put("lag", status.totalLag());
        if (status.failure() != null) {
            node.put("failure", status.failure());
        }
        node.put("restarts", status.restarts());
        node.put("lastFailure", status.lastFailure());
        ObjectNode machines = node.putObject("machines");
        machines.put("tracked", s.machines().tracked());
        machines.put("max", s.machines().max());
        machines.put("untracked", s.machines().untracked());
        machines.put("untrackedAtLeast", s.machines().untrackedAtLeast());
        machines.put("horizonSeconds", (s.historyMillis() + s.windowMillis()) / 1000); // how far back "untracked" looks
        ObjectNode topics = node.putObject("topics");
        s.topics().forEach((name, t) -> TopicJson.put(topics, name, t).put("lag", status.lagByTopic().getOrDefault(name, 0L)));
        return node;
    }

    private static ObjectNode process(Snapshot s) {
        ObjectNode node = series(s.process());
        ObjectNode newest = node.putObject("newestCycle");
        putMillis(newest, "ts", s.newestCycleTs() == null ? null : s.newestCycleTs() * 1000);
        counts(newest.putObject("counts"), s.newestCycle());
        return node;
    }

    private static ObjectNode memory(Snapshot s) {
        ObjectNode node = series(s.memory());
        node.put("windowSeconds", s.windowMillis() / 1000);
        counts(node.putObject("now"), s.memoryNow());
        return node;
    }

    private static ObjectNode attacks(Snapshot s) {
        ObjectNode node = series(s.attacks());
        ObjectNode latest = node.putObject("latest");
        for (Map.Entry<String, AttackCount> e : s.attacksLatest().entrySet()) {
            ObjectNode w = latest.putObject(e.getKey());
            w.put("windowStart", e.getValue().windowStartMillis());
            w.put("windowEnd", e.getValue().windowEndMillis());
            w.put("count", e.getValue().count());
        }
        return node;
    }

    private static ObjectNode series(Series series) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode x = node.putArray("x");
        series.x().forEach(x::add);
        ObjectNode lines = node.putObject("lines");
        series.lines().forEach((machine, ys) -> values(lines.putArray(machine), ys));
        return node;
    }

    private static void values(ArrayNode array, List<Long> ys) {
        for (Long y : ys) {
            if (y == null) {
                array.addNull();
            } else {
                array.add(y);
            }
        }
    }

    private static void counts(ObjectNode node, Map<String, Long> counts) {
        counts.forEach(node::put);
    }

    private static void putMillis(ObjectNode node, String name, Long millis) {
        if (millis == null) {
            node.putNull(name);
        } else {
            node.put(name, millis);
        }
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain values always serialises
        }
    }
}

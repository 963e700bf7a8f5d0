package dev.stophack.consumer.weblog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stophack.consumer.http.TopicJson;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON of {@code /api/weblog}: the busiest hosts' requests per rate-limit window and the
 * limit, the error shares per class with the alerts to mark on them, the blocked hosts, and what
 * each web topic brought. Times are epoch milliseconds of the log's own time.
 */
public final class WebJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebJson() {
    }

    public static byte[] of(WebTraffic.WebSnapshot s, WebSettings settings, long at) {
        ObjectNode root = JSON.createObjectNode();
        root.put("at", at);
        if (s.newest() == null) {
            root.putNull("newest");
        } else {
            root.put("newest", s.newest());
        }
        root.put("windowSeconds", settings.rateWindow().toSeconds());
        root.put("threshold", s.threshold() != null ? s.threshold() : settings.rateThreshold());
        root.put("thresholdFrom", s.threshold() != null ? "blocklist" : "--rate-threshold");
        root.put("requestsInWindow", s.requestsInWindow());

        ObjectNode busiest = root.putObject("busiest");
        xs(busiest, s.x());
        ObjectNode lines = busiest.putObject("lines");
        s.busiest().forEach((host, ys) -> {
            ArrayNode a = lines.putArray(host);
            ys.forEach(a::add);
        });

        ObjectNode errors = root.putObject("errors");
        xs(errors, s.x());
        ObjectNode shares = errors.putObject("lines");
        s.errorShares().forEach((cls, ys) -> {
            ArrayNode a = shares.putArray(cls);
            ys.forEach(y -> {
                if (y == null) {
                    a.addNull();
                } else {
                    a.add(y);
                }
            });
        });
        ArrayNode marks = errors.putArray("alerts");
        for (AlertMarks.Mark m : s.marks()) {
            ObjectNode n = marks.addObject();
            n.put("kind", m.kind());
            n.put("status", m.status());
            n.put("host", m.host());
            n.put("windowStart", m.windowStart());
            n.put("windowEnd", m.windowEnd());
            n.put("count", m.count());
            n.put("total", m.total());
            n.put("ratio", m.ratio());
            n.put("baseline", m.baseline());
        }

        ArrayNode blocked = root.putArray("blocked");
        for (Blocks.Block b : s.blocks()) {
            ObjectNode n = blocked.addObject();
            n.put("host", b.host());
            n.put("until", b.until());
            n.put("blocked", s.newest() != null && b.until() > s.newest());
            n.put("count", b.count());
            n.put("threshold", b.threshold());
            n.put("windowStart", b.windowStart());
            n.put("windowEnd", b.windowEnd());
            n.put("windows", b.windows());
        }

        ObjectNode topics = root.putObject("topics");
        s.topics().forEach((name, t) -> TopicJson.put(topics, name, t));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void xs(ObjectNode node, List<Long> x) {
        ArrayNode a = node.putArray("x");
        x.forEach(a::add);
    }
}

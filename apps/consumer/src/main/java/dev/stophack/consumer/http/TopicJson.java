package dev.stophack.consumer.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stophack.consumer.live.TopicStats;
import java.util.TreeMap;

/** One topic's tally as every endpoint of the page shows it: counted, skipped by reason, last arrival. */
public final class TopicJson {
    private TopicJson() {
    }

    /** Writes {@code t} as {@code topics.name} and returns that node, for a caller's own fields. */
    public static ObjectNode put(ObjectNode topics, String name, TopicStats t) {
        ObjectNode topic = topics.putObject(name);
        topic.put("counted", t.counted());
        ObjectNode skipped = topic.putObject("skipped");
        new TreeMap<>(t.skipped()).forEach(skipped::put); // by reason, the same order on every call
        if (t.lastArrivalMillis() == null) {
            topic.putNull("lastArrivalAt");
        } else {
            topic.put("lastArrivalAt", t.lastArrivalMillis());
        }
        return topic;
    }
}

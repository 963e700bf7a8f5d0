package dev.stophack.consumer.report;

import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.config.DurationText;
import dev.stophack.consumer.live.Snapshot;
import dev.stophack.consumer.live.TopicStats;
import dev.stophack.consumer.window.AttackCount;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one log line per cycle: what the newest process cycle brought per machine, the memory
 * counts of the sliding window, each machine's newest attack window, lag and skips, so that
 * {@code kubectl logs} answers "is data flowing, and from which machines?" at a glance.
 */
public final class CycleReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** What the line needs to know about the Kafka side. */
    public record KafkaView(String bootstrap, int assignedPartitions, long lag) {
    }

    private CycleReport() {
    }

    public static String line(Snapshot s, KafkaView kafka) {
        if (kafka.assignedPartitions() == 0 && !s.anything()) {
            return "waiting for Kafka at " + kafka.bootstrap() + " (no partitions assigned yet; is it running? ./stophack kafka)";
        }
        if (!s.anything()) {
            return "connected to " + kafka.bootstrap() + " (" + kafka.assignedPartitions()
                    + " partitions), no events yet: start the producers (./stophack produce process, ./stophack produce memory)";
        }
        long skipped = s.topics().values().stream().mapToLong(TopicStats::skippedTotal).sum();
        return process(s) + " | " + memory(s) + " | " + attacks(s)
                + " | lag " + kafka.lag() + " | skipped " + skipped;
    }

    private static String process(Snapshot s) {
        if (s.newestCycleTs() == null) {
            return "process: none yet";
        }
        long total = s.newestCycle().values().stream().mapToLong(Long::longValue).sum();
        return "process cycle " + TIME.format(Instant.ofEpochSecond(s.newestCycleTs())) + " UTC: "
                + perMachine(s.newestCycle()) + " (" + total + " rows)";
    }

    private static String memory(Snapshot s) {
        String window = DurationText.format(Duration.ofMillis(s.windowMillis()));
        if (s.topic(Topics.MEMORY).counted() == 0) {
            return "memory last " + window + ": none yet";
        }
        long total = s.memoryNow().values().stream().mapToLong(Long::longValue).sum();
        return "memory last " + window + ": " + perMachine(s.memoryNow()) + " (" + total + " rows)";
    }

    private static String attacks(Snapshot s) {
        if (s.attacks().isEmpty()) {
            return "attacks: none reported";
        }
        long start = s.attacks().x().get(s.attacks().x().size() - 1);
        long end = s.attacksLatest().values().stream().filter(c -> c.windowStartMillis() == start)
                .mapToLong(AttackCount::windowEndMillis).findFirst().orElse(start);
        Map<String, Long> counts = new LinkedHashMap<>();
        s.attacks().lines().keySet().forEach(machine -> counts.put(machine, s.attacks().last(machine)));
        return "attacks " + TIME.format(Instant.ofEpochMilli(start)) + "-" + TIME.format(Instant.ofEpochMilli(end))
                + ": " + perMachine(counts);
    }

    private static String perMachine(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}

package dev.stophack.faults.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.rollout.HistoryEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A kind's {@code HISTORY.jsonl} as the registry wrote it, one decision a line: what the rollout
 * scenarios count, never a log line of the loop that made the decisions.
 */
public record RolloutHistory(List<HistoryEntry> entries) {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public RolloutHistory {
        entries = List.copyOf(entries);
    }

    /** The file's lines, each a decision; a line that is not one is an error naming it. */
    public static RolloutHistory parse(byte[] jsonl) {
        List<HistoryEntry> entries = new ArrayList<>();
        String[] lines = new String(jsonl, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                entries.add(JSON.readValue(lines[i], HistoryEntry.class));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " of HISTORY.jsonl is not a decision: "
                        + e.getOriginalMessage(), e);
            }
        }
        return new RolloutHistory(entries);
    }

    /** Decisions that did {@code action} to {@code version}. */
    public long count(HistoryEntry.Action action, int version) {
        return entries.stream().filter(e -> e.action == action && e.version != null && e.version == version).count();
    }

    /**
     * What is wrong with the numbering, or null when the decisions are numbered 1, 2, 3... with
     * none missing or repeated: a decision written twice or lost shows here.
     */
    public String numberingFault() {
        for (int i = 0; i < entries.size(); i++) {
            Long g = entries.get(i).generation;
            if (g == null || g != i + 1) {
                return "decision " + (i + 1) + " of HISTORY.jsonl is numbered " + g;
            }
        }
        return null;
    }

    /** The newest decision's active version ({@code to}), or null before any. */
    public Integer lastActive() {
        return entries.isEmpty() ? null : entries.get(entries.size() - 1).to;
    }

    /** One line per decision, as a scenario's note shows them. */
    public List<String> describe() {
        return entries.stream().map(e -> "#" + e.generation + " " + e.action + " v" + e.version + " (active "
                + (e.from == null ? "-" : "v" + e.from) + " -> " + (e.to == null ? "-" : "v" + e.to) + ", by " + e.by + ")")
                .toList();
    }
}

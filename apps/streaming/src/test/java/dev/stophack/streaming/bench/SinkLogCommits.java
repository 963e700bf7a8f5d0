package dev.stophack.streaming.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * When each file of a parquet sink became visible: Spark's file sink lists a batch's files in its
 * {@code _spark_metadata} log entry, written when the batch commits, so a file is committed when
 * the first log entry naming it was written. Compaction entries repeat older files later; the
 * earliest entry counts.
 */
final class SinkLogCommits {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Long> committedMs = new HashMap<>();

    /**
     * Whether a name in {@code _spark_metadata/} is a batch's entry ({@code 7}, {@code 9.compact}),
     * not the folder's own marker object (an empty name on S3), a temporary or a checksum file.
     */
    static boolean isEntry(String name) {
        return name.matches("\\d+(\\.compact)?");
    }

    /** One log entry ({@code _spark_metadata/7} or {@code 9.compact}): its text and when it was written (epoch ms). */
    void entry(String text, long writtenMs) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].startsWith("v")) {
            throw new IllegalArgumentException("not a sink log entry (no version line): " + abbreviated(text));
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                JsonNode file = JSON.readTree(lines[i]);
                if (!file.hasNonNull("path")) {
                    throw new IllegalArgumentException("a sink log line without a path: " + abbreviated(lines[i]));
                }
                committedMs.merge(fileName(file.get("path").asText()), writtenMs, Math::min);
            } catch (IOException e) {
                throw new UncheckedIOException("a sink log line that is not JSON: " + abbreviated(lines[i]), e);
            }
        }
    }

    /** When the file named (a path or URI; its last part counts, part files have unique names) was committed; null if never. */
    Long committed(String pathOrUri) {
        return committedMs.get(fileName(pathOrUri));
    }

    int files() {
        return committedMs.size();
    }

    private static String fileName(String pathOrUri) {
        return pathOrUri.substring(pathOrUri.lastIndexOf('/') + 1);
    }

    private static String abbreviated(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}

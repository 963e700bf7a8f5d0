package dev.stophack.cli.demo.status;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One reading of the demo's figures. A null figure is one whose source did not answer (a part
 * still starting, or stopped); it shows as "-", never as 0.
 *
 * @param produced    events the producers sent and Kafka acknowledged, since they started
 * @param persisted   events the streaming job wrote as parquet (every run's, from stream-status)
 * @param deadLetters records the streaming job dead-lettered (every run's, from stream-status)
 * @param potential   potential attacks in Kafka's attack-counts (one per machine, window and CMD_PID)
 * @param detected    detected attacks in Kafka's attacks topic
 * @param models      model version the streaming job scores with, per kind (0: none)
 */
public record DemoStatus(Long produced, Long persisted, Long deadLetters, Long potential, Long detected,
        Map<String, Integer> models) {

    public DemoStatus {
        models = models == null ? Map.of() : Map.copyOf(new TreeMap<>(models));
    }

    /** The status line, one line of plain text. */
    public String line() {
        StringBuilder text = new StringBuilder();
        text.append("produced ").append(figure(produced))
                .append(" | persisted ").append(figure(persisted))
                .append(" | dead letters ").append(figure(deadLetters))
                .append(" | potential attacks ").append(figure(potential))
                .append(" | detected ").append(figure(detected))
                .append(" | models ");
        if (models.isEmpty()) {
            text.append('-');
        } else {
            StringBuilder kinds = new StringBuilder();
            new TreeMap<>(models).forEach((kind, version) -> kinds.append(kinds.length() == 0 ? "" : ", ")
                    .append(kind).append(' ').append(version > 0 ? "v" + version : "none"));
            text.append(kinds);
        }
        return text.toString();
    }

    private static String figure(Long n) {
        return n == null ? "-" : String.format(Locale.ROOT, "%,d", n);
    }
}

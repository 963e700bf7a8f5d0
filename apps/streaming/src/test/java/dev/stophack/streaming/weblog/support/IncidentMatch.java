package dev.stophack.streaming.weblog.support;

import dev.stophack.api.kafka.WeblogAlert;
import dev.stophack.generate.weblog.Incident;
import dev.stophack.generate.weblog.IncidentType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds the detectors' outputs against the generator's ground truth: which incident each alert
 * belongs to, which incidents were found, and how long after their start.
 *
 * <ul>
 *   <li>A blocklist decision belongs to the abusive host it names, decided during its incident
 *       (or within {@code slack} after it: a window can still go over then).</li>
 *   <li>A URL-busting alert belongs to the scan of the host it names whose interval its window
 *       overlaps.</li>
 *   <li>An error surge of {@code 404} or {@code 4xx} belongs to a scan whose interval its window
 *       overlaps; one of {@code 5xx} or of a storm's own code to that storm.</li>
 * </ul>
 *
 * An incident is found when an alert of its own kind belongs to it (a decision for an abusive
 * host, a URL-busting alert for a scan, a surge for a storm); an alert that belongs to none is a
 * false positive.
 */
public final class IncidentMatch {
    /** One output of the detectors, as the matcher needs it. */
    public record Output(String kind, String host, String status, Instant windowStart, Instant windowEnd, Instant decidedAt) {
        public static final String RATE_LIMIT = "ratelimit";
    }

    /** What became of one incident. */
    public record Finding(Incident incident, boolean found, Duration timeToAlert, int alerts) {
    }

    private final Duration slack;

    public IncidentMatch(Duration slack) {
        this.slack = slack;
    }

    /** The incident {@code output} belongs to, if any. */
    public Optional<Incident> owner(Output output, List<Incident> incidents) {
        for (Incident i : incidents) {
            if (belongs(output, i)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    boolean belongs(Output o, Incident i) {
        boolean overlaps = o.windowStart().isBefore(i.end()) && o.windowEnd().isAfter(i.start());
        return switch (o.kind()) {
            case Output.RATE_LIMIT -> i.type() == IncidentType.ABUSIVE_HOST && i.host().equals(o.host())
                    && !o.decidedAt().isBefore(i.start()) && !o.decidedAt().isAfter(i.end().plus(slack));
            case WeblogAlert.URL_BUSTING -> i.type() == IncidentType.URL_SCAN && i.host().equals(o.host()) && overlaps;
            case WeblogAlert.ERROR_SURGE -> overlaps && (
                    (i.type() == IncidentType.URL_SCAN && (o.status().equals("404") || o.status().equals("4xx")))
                    || (i.type() == IncidentType.ERROR_STORM && (o.status().equals("5xx") || o.status().equals(String.valueOf(i.status())))));
            default -> false;
        };
    }

    /** Whether {@code output} is of the kind that finds {@code incident}. */
    static boolean finds(Output o, Incident i) {
        return switch (i.type()) {
            case ABUSIVE_HOST -> o.kind().equals(Output.RATE_LIMIT);
            case URL_SCAN -> o.kind().equals(WeblogAlert.URL_BUSTING);
            case ERROR_STORM -> o.kind().equals(WeblogAlert.ERROR_SURGE);
        };
    }

    /** Per incident: found or not, and the time from its start to its first alert of its own kind. */
    public List<Finding> findings(List<Output> outputs, List<Incident> incidents) {
        List<Finding> findings = new ArrayList<>();
        for (Incident i : incidents) {
            Instant first = null;
            int n = 0;
            for (Output o : outputs) {
                if (belongs(o, i) && finds(o, i)) {
                    n++;
                    first = first == null || o.decidedAt().isBefore(first) ? o.decidedAt() : first;
                }
            }
            findings.add(new Finding(i, first != null, first == null ? null : Duration.between(i.start(), first), n));
        }
        return findings;
    }

    /** The outputs that belong to no incident. */
    public List<Output> falsePositives(List<Output> outputs, List<Incident> incidents) {
        return outputs.stream().filter(o -> owner(o, incidents).isEmpty()).toList();
    }

    /** Per incident type, {@code [incidents, found, alerts of its kind that belong to one, alerts of its kind]}. */
    public Map<IncidentType, long[]> perType(List<Output> outputs, List<Incident> incidents) {
        Map<IncidentType, long[]> table = new EnumMap<>(IncidentType.class);
        for (IncidentType t : IncidentType.values()) {
            table.put(t, new long[4]);
        }
        for (Finding f : findings(outputs, incidents)) {
            long[] row = table.get(f.incident().type());
            row[0]++;
            row[1] += f.found() ? 1 : 0;
        }
        for (Output o : outputs) {
            IncidentType kind = switch (o.kind()) {
                case Output.RATE_LIMIT -> IncidentType.ABUSIVE_HOST;
                case WeblogAlert.URL_BUSTING -> IncidentType.URL_SCAN;
                default -> IncidentType.ERROR_STORM;
            };
            long[] row = table.get(kind);
            row[3]++;
            row[2] += owner(o, incidents).isPresent() ? 1 : 0;
        }
        return table;
    }

    /** Shows the outputs grouped by the incident they belong to, for a failing assertion's message. */
    public static String describe(List<Output> outputs, List<Incident> incidents, IncidentMatch match) {
        Map<String, List<String>> by = new LinkedHashMap<>();
        for (Output o : outputs) {
            by.computeIfAbsent(match.owner(o, incidents).map(Incident::toString).orElse("no incident"), k -> new ArrayList<>())
                    .add(o.toString());
        }
        return by.toString();
    }
}

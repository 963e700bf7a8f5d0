package dev.stophack.controller.kubernetes;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.rollout.Resources;
import dev.stophack.models.StoredVersion;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rollback a person asks for with {@code kubectl annotate modelrollout NAME
 * stophack.dev/rollback-to=...}: {@code process-v3} or {@code process=v3} (several separated by
 * commas), or just {@code v3} when the rollout manages one kind. The controller removes the
 * annotation once it has acted on it.
 */
public final class RollbackAnnotation {
    public static final String KEY = Resources.ROLLBACK_ANNOTATION;

    private RollbackAnnotation() {
    }

    /** What the annotation asks for, per kind; an IllegalArgumentException says what is wrong with it. */
    public static Map<EventKind, Integer> parse(String value, List<EventKind> managed) {
        Map<EventKind, Integer> wanted = new EnumMap<>(EventKind.class);
        if (value == null || value.isBlank()) {
            return wanted;
        }
        for (String part : value.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            int sep = Math.max(p.indexOf('='), p.indexOf("-v"));
            EventKind kind;
            String version;
            if (sep < 0) {
                if (managed.size() != 1) {
                    throw new IllegalArgumentException("'" + part.strip() + "' does not say which model: write process-vN or memory-vN");
                }
                kind = managed.get(0);
                version = p;
            } else {
                kind = EventKind.of(p.substring(0, sep));
                version = p.substring(sep + 1);
            }
            if (!managed.contains(kind)) {
                throw new IllegalArgumentException("this rollout does not manage the " + kind + " model");
            }
            wanted.put(kind, StoredVersion.parseNumber(version));
        }
        return wanted;
    }
}

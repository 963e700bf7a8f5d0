package dev.stophack.generate.weblog;

import java.util.Locale;

/** The attacks and failures the generator plants in a web access log, each a known interval. */
public enum IncidentType {
    /** One new client far above the rate a normal client reaches: what the rate limiter must block. */
    ABUSIVE_HOST("abusive-host"),
    /** One new client asking for many distinct paths that mostly do not exist: a URL-busting scan. */
    URL_SCAN("url-scan"),
    /** A share of every request answered with one 5xx code: a server failing. */
    ERROR_STORM("error-storm");

    private final String id;

    IncidentType(String id) {
        this.id = id;
    }

    /** The name in the ground-truth file. */
    public String id() {
        return id;
    }

    public static IncidentType of(String id) {
        for (IncidentType t : values()) {
            if (t.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown incident type '" + id + "'");
    }
}

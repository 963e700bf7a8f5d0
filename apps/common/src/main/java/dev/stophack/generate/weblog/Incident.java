package dev.stophack.generate.weblog;

import java.time.Instant;

/**
 * One planted incident: its type, the interval {@code [start, end)} in the log's time, and what
 * makes it up.
 *
 * @param type      what it is
 * @param start     the first second with incident lines
 * @param end       the first second after it
 * @param host      the client behind it (abusive host, scan); null for an error storm
 * @param status    the status it is about: 404 for a scan, the storm's 5xx code; 0 for an abusive host
 * @param intensity requests per second of the host (abusive host, scan), or the share of all
 *                  requests answered with {@code status} (error storm)
 */
public record Incident(IncidentType type, Instant start, Instant end, String host, int status, double intensity) {

    /** Whether log time {@code epochSecond} is inside the incident. */
    public boolean covers(long epochSecond) {
        return epochSecond >= start.getEpochSecond() && epochSecond < end.getEpochSecond();
    }
}

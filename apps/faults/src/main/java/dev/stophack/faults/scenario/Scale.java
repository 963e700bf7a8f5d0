package dev.stophack.faults.scenario;

import java.time.Duration;

/**
 * How big a run is: the full one the issue asks for, or a quick one a CI job can afford.
 *
 * @param rowsPerKind     good events of each kind in the kill, S3 and broker scenarios
 * @param kills           how many times the streaming job is killed before its clean finish
 * @param s3Outage        how long S3 stays away
 * @param brokerOutage    how long the broker stays away
 * @param malformedGood   good events (both kinds together) among which 1% bad ones are mixed
 * @param deadline        how long a job may take to take in everything before the scenario fails (a guard
 *                        against a hung run, not a measure: a streaming job took four minutes to start
 *                        on the shared two-core machine at a load average of 35)
 */
public record Scale(long rowsPerKind, int kills, Duration s3Outage, Duration brokerOutage, long malformedGood,
        Duration deadline) {

    public static final Scale FULL = new Scale(100_000, 5, Duration.ofSeconds(60), Duration.ofSeconds(25), 1_000_000,
            Duration.ofMinutes(20));
    /** One kill, not five: each costs a start of the streaming job, the most expensive thing a scenario does. */
    public static final Scale QUICK = new Scale(4_000, 1, Duration.ofSeconds(20), Duration.ofSeconds(15), 20_000,
            Duration.ofMinutes(10));

    public Scale withRows(long rows) {
        return new Scale(rows, kills, s3Outage, brokerOutage, malformedGood, deadline);
    }

    public Scale withKills(int n) {
        return new Scale(rowsPerKind, n, s3Outage, brokerOutage, malformedGood, deadline);
    }

    public Scale withS3Outage(Duration outage) {
        return new Scale(rowsPerKind, kills, outage, brokerOutage, malformedGood, deadline);
    }

    public Scale withMalformedGood(long n) {
        return new Scale(rowsPerKind, kills, s3Outage, brokerOutage, n, deadline);
    }
}

package dev.stophack.cli.demo;

import java.time.Duration;

/**
 * How fast the demo moves: the producers' cycles, the streaming job's trigger and model poll,
 * the rollout loop's round, the status line, and when the background training starts.
 * {@link #FAST} is for a quick look: everything happens within a few minutes.
 *
 * @param processInterval time between process producer cycles
 * @param memoryInterval  time between memory producer cycles
 * @param trigger         the streaming job's micro-batch trigger
 * @param modelPoll       how often the streaming job looks for a newly promoted model
 * @param rolloutRound    time between two rounds of the laptop rollout loop
 * @param status          time between two status lines when the console is not a terminal
 * @param trainAfter      when the background training of a new model version starts
 * @param weblogSpeed     how many times faster than it was logged the web access log is replayed
 */
public record Pace(Duration processInterval, Duration memoryInterval, Duration trigger, Duration modelPoll,
        Duration rolloutRound, Duration status, Duration trainAfter, int weblogSpeed) {

    /** The parts' own defaults; a new model version after five minutes; the web log's hour in six minutes. */
    public static final Pace NORMAL = new Pace(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(5), 10);

    /** Cycles of one and two seconds, a new model version after one minute, the web log's hour in two. */
    public static final Pace FAST = new Pace(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofMinutes(1), 30);

    public Pace withTrainAfter(Duration after) {
        return new Pace(processInterval, memoryInterval, trigger, modelPoll, rolloutRound, status, after, weblogSpeed);
    }

    /** A duration as the parts' flags take it: whole seconds, or milliseconds below one. */
    static String flag(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}

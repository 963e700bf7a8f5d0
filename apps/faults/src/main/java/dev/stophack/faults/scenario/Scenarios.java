package dev.stophack.faults.scenario;

import java.util.List;
import java.util.Optional;

/**
 * Every scenario, in the order a run takes them: at --quick sizes the longest first and the
 * shortest last, so that side by side (--parallel) the last fills whichever lane frees first.
 */
public final class Scenarios {
    public static final List<Scenario> ALL = List.of(
            new KillStream(),
            new S3Outage(),
            new BrokerKill(),
            new BadModel(),
            new MalformedRecords(),
            new KillRollout());

    private Scenarios() {
    }

    public static Optional<Scenario> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}

package dev.stophack.faults.scenario;

import java.util.List;
import java.util.Optional;

/** Every scenario, in the order a full run takes them. */
public final class Scenarios {
    public static final List<Scenario> ALL = List.of(
            new KillStream(),
            new S3Outage(),
            new BrokerKill(),
            new MalformedRecords(),
            new BadModel(),
            new KillRollout());

    private Scenarios() {
    }

    public static Optional<Scenario> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}

package dev.stophack.controller.laptop;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.RolloutDecision;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.rollout.RolloutPolicy;
import dev.stophack.config.KafkaOptions;
import dev.stophack.config.S3Options;
import dev.stophack.console.CommandMain;
import dev.stophack.console.TextTable;
import dev.stophack.controller.decide.Durations;
import dev.stophack.controller.decide.Phases;
import dev.stophack.controller.decide.VersionEvidence;
import dev.stophack.controller.evidence.AttackRates;
import dev.stophack.controller.evidence.StoreEvidence;
import dev.stophack.controller.rollout.ManualSteps;
import dev.stophack.controller.rollout.PolicyFile;
import dev.stophack.controller.rollout.RolloutStep;
import dev.stophack.models.ModelStore;
import dev.stophack.models.RolloutState;
import dev.stophack.models.StoredVersion;
import dev.stophack.storage.Location;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code stophack rollout}: the controller's decisions without a cluster, over the model store
 * (S3 or a directory). {@code watch} is the laptop's controller; {@code status}, {@code promote}
 * and {@code rollback} are for people. Every change is a decision in the store's log, so the
 * laptop loop, a person and a controller never both win a race.
 */
@Command(name = "stophack rollout", mixinStandardHelpOptions = true,
        description = "Model rollout without a cluster: gate, shadow, promote and roll back model versions in the "
                + "model store, with the same decisions as the Kubernetes controller.",
        subcommands = {RolloutCommand.Status.class, RolloutCommand.Watch.class, RolloutCommand.Promote.class,
            RolloutCommand.Rollback.class})
public final class RolloutCommand implements Callable<Integer> {
    static final String MODELS_DEFAULT = "${env:STOPHACK_MODELS:-s3a://stophack/models}";

    @Option(names = "--models", paramLabel = "DIR|s3a://BUCKET/models", defaultValue = MODELS_DEFAULT, scope =
            picocli.CommandLine.ScopeType.INHERIT, description = "The model store (env STOPHACK_MODELS; default: ${DEFAULT-VALUE}).")
    String models;

    @Mixin
    S3Options s3;

    @Option(names = "--policy", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The rollout policy: a ModelRollout YAML (its spec.policy) or a policy alone. "
                    + "Default: minimum F1 0.8 and AUC 0.85, regression 0.02, no shadow period, automatic rollback.")
    Path policyFile;

    @Option(names = "--shadow", paramLabel = "PERIOD", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Score each new version in the shadow of the active one for PERIOD (90s, 10m) before promoting it.")
    String shadow;

    PrintStream out = System.out;
    Clock clock = Clock.systemUTC();

    public static void main(String[] args) {
        System.exit(CommandMain.run(new RolloutCommand(), args));
    }

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "say status, watch, promote or rollback");
    }

    ModelStore store() {
        return new ModelStore(Location.parse(models).open(s3), clock);
    }

    RolloutPolicy policy() {
        RolloutPolicy policy = policyFile == null ? new RolloutPolicy() : PolicyFile.read(policyFile);
        if (shadow != null) {
            Durations.parse(shadow);
            policy.shadow.enabled = true;
            policy.shadow.period = shadow;
        }
        return policy;
    }

    /** {@code stophack rollout status}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Every version with its figures and phase, the pointers, and the last decisions.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        RolloutCommand parent;

        @Option(names = "--history", paramLabel = "N", defaultValue = "10", description = "Decisions shown per model (default: ${DEFAULT-VALUE}).")
        int history;

        @Override
        public Integer call() throws IOException {
            ModelStore store = parent.store();
            parent.out.println("model store: " + parent.models);
            for (EventKind kind : EventKind.values()) {
                parent.out.print(render(store, kind, history));
            }
            return 0;
        }
    }

    /** The status of one kind: pointers, versions, history. */
    static String render(ModelStore store, EventKind kind, int historyLines) throws IOException {
        RolloutState state = store.rolloutState(kind);
        List<HistoryEntry> history = store.history(kind);
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%n%s: active %s, shadow %s, decision %d%n", kind,
                state.activeVersion().map(v -> "v" + v).orElse("none"), state.candidateVersion().map(v -> "v" + v).orElse("none"),
                state.generation()));
        TextTable versions = new TextTable("version", "phase", "F1", "AUC", "probe");
        for (VersionEvidence v : StoreEvidence.versions(store, kind)) {
            versions.row("v" + v.version(),
                    v.complete() ? Phases.of(v.version(), state.activeVersion(), state.candidateVersion(), history) : "training",
                    figure(v.f1()), figure(v.auc()),
                    v.probe().map(p -> p.passed() ? p.scored() + "/" + p.rows() : "failed").orElse("none"));
        }
        text.append(versions.size() == 0 ? "  no versions\n" : versions.render());
        if (!history.isEmpty()) {
            TextTable log = new TextTable("#", "at", "action", "version", "active", "by", "reason");
            for (HistoryEntry e : history.subList(Math.max(0, history.size() - historyLines), history.size())) {
                log.row(e.generation, e.at, e.action, "v" + e.version,
                        (e.from == null ? "-" : "v" + e.from) + " -> " + (e.to == null ? "-" : "v" + e.to), e.by, e.reason);
            }
            text.append(log.render());
        }
        return text.toString();
    }

    private static String figure(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.4f", d);
    }

    /** {@code stophack rollout watch}. */
    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "The laptop's rollout controller: every interval, for each model, decides the next step (gate "
                    + "a new version, end a shadow period, apply the rollback rule) and writes it to the store.")
    static final class Watch implements Callable<Integer> {
        @ParentCommand
        RolloutCommand parent;

        @Mixin
        KafkaOptions kafka;

        @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "10s",
                description = "Time between two rounds (default: ${DEFAULT-VALUE}).")
        String interval;

        @Option(names = "--once", description = "One round, then exit.")
        boolean once;

        @Option(names = "--no-rates", description = "Do not read attack-counts from Kafka: no automatic rollback.")
        boolean noRates;

        @Override
        public Integer call() throws Exception {
            Duration every = Durations.parse(interval);
            ModelStore store = parent.store();
            RolloutPolicy policy = parent.policy();
            boolean readRates = !noRates && policy.rollback.automatic;
            try (AttackRates rates = readRates ? AttackRates.start(kafka.connection(), parent.clock) : null) {
                watch(policy, readRates, new RolloutStep(store, rates == null ? List::of : rates, parent.clock,
                        "stophack rollout watch"), every);
            }
            return 0;
        }

        private void watch(RolloutPolicy policy, boolean readRates, RolloutStep step, Duration every)
                throws InterruptedException {
            parent.out.printf(Locale.ROOT, "rollout: watching %s every %s (gate F1 >= %.2f, AUC >= %.2f; shadow %s; "
                    + "automatic rollback %s)%n", parent.models, interval, policy.minF1, policy.minAuc,
                    policy.shadow.enabled ? policy.shadow.period : "off",
                    readRates ? "on" : policy.rollback.automatic ? "off: --no-rates" : "off");
            do {
                for (EventKind kind : EventKind.values()) {
                    try {
                        RolloutStep.Outcome o = step.run(kind, policy, Optional.empty());
                        if (o.changed()) {
                            parent.out.printf(Locale.ROOT, "rollout: %s %s v%d: %s%n", kind,
                                    o.decision().action().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                                    o.decision().version(), o.decision().verdict().reason());
                        } else if (o.lostRace() != null) {
                            parent.out.printf(Locale.ROOT, "rollout: %s: %s%n", kind, o.lostRace());
                        }
                    } catch (IOException | RuntimeException e) {
                        // the store away for a moment: say so, try again next round
                        parent.out.printf(Locale.ROOT, "rollout: %s: this round failed (%s); trying again in %s%n",
                                kind, CommandMain.describe(e), interval);
                    }
                }
                if (!once) {
                    Thread.sleep(every.toMillis());
                }
            } while (!once);
        }
    }

    /** {@code stophack rollout promote}. */
    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Makes a version active now, if it passes the gate (--force: even if it does not).")
    static final class Promote implements Callable<Integer> {
        @ParentCommand
        RolloutCommand parent;

        @Parameters(index = "0", paramLabel = "process|memory", description = "Which model.")
        String kind;

        @Parameters(index = "1", paramLabel = "VERSION", description = "The version: 3 or v3.")
        String version;

        @Option(names = "--force", description = "Promote even if the gate refuses it (recorded in the history).")
        boolean force;

        @Option(names = "--reason", description = "Why, recorded in the history.")
        String reason;

        @Override
        public Integer call() throws IOException {
            EventKind k = EventKind.of(kind);
            RolloutDecision d = ManualSteps.promote(parent.store(), k, StoredVersion.parseNumber(version), parent.policy(),
                    force, reason, "stophack rollout promote");
            parent.out.printf(Locale.ROOT, "%s: v%d active (decision %d): %s%n", k, d.active().version(), d.entry().generation,
                    d.entry().reason);
            return 0;
        }
    }

    /** {@code stophack rollout rollback}. */
    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Makes an earlier version active again: the one before the active version, or VERSION.")
    static final class Rollback implements Callable<Integer> {
        @ParentCommand
        RolloutCommand parent;

        @Parameters(index = "0", paramLabel = "process|memory", description = "Which model.")
        String kind;

        @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION", description = "The version to go back to (default: the previous one).")
        String version;

        @Override
        public Integer call() throws IOException {
            EventKind k = EventKind.of(kind);
            ModelStore store = parent.store();
            RolloutStep step = new RolloutStep(store, List::of, parent.clock, "stophack rollout rollback");
            Integer to = version == null ? null : StoredVersion.parseNumber(version);
            if (to == null) {
                RolloutState state = store.rolloutState(k);
                to = step.previous(k, state).orElseThrow(() -> new IllegalArgumentException(
                        "no version to roll back to: the history of " + k + " has no earlier active version (name one)"));
            }
            RolloutStep.Outcome o = step.run(k, parent.policy(), Optional.of(to));
            if (!o.changed()) {
                throw new IllegalArgumentException(o.lostRace() != null ? o.lostRace() : o.decision().verdict().reason());
            }
            parent.out.printf(Locale.ROOT, "%s: rolled back to v%d (was %s)%n", k, to,
                    o.situation().active().map(v -> "v" + v).orElse("none"));
            return 0;
        }
    }
}

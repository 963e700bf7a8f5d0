package dev.stophack.controller.kubernetes;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.rollout.Condition;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.rollout.ModelPhase;
import dev.stophack.api.rollout.ModelRolloutSpec;
import dev.stophack.api.rollout.ModelRolloutStatus;
import dev.stophack.api.rollout.ModelVersionStatus;
import dev.stophack.api.rollout.RolloutPolicy;
import dev.stophack.console.CommandMain;
import dev.stophack.controller.decide.Decision;
import dev.stophack.controller.decide.Durations;
import dev.stophack.controller.decide.Phases;
import dev.stophack.controller.decide.RateWindow;
import dev.stophack.controller.observe.ControllerMetrics;
import dev.stophack.controller.resource.ModelRollout;
import dev.stophack.controller.resource.ModelVersion;
import dev.stophack.controller.rollout.RolloutStep;
import dev.stophack.models.ModelStore;
import dev.stophack.models.StoredVersion;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a {@code ModelRollout}, one short chain of steps (see the Flink and Spark operators):
 * read the spec → take a requested rollback → one rollout step per model (decide and write it to
 * the model store) → the ModelVersions' phases → the streaming job's state → the status, with a
 * Kubernetes Event for every decision. Idempotent: every step reads the model store again, whose
 * decision log says what was done, so a controller that died halfway does not decide twice.
 * ModelVersions are watched too: a new one wakes the rollout of its namespace.
 */
@ControllerConfiguration(name = "modelrollout")
public final class RolloutReconciler implements Reconciler<ModelRollout> {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutReconciler.class);
    /** How often a rollout looks again without being woken: new versions in S3, the rollback rule. */
    static final Duration IDLE_INTERVAL = Duration.ofSeconds(30);
    /** How soon it looks again after it wrote a decision: the next step may follow at once. */
    static final Duration AFTER_CHANGE = Duration.ofSeconds(1);
    static final String BY = "stophack controller";

    private final ModelStores stores;
    private final Supplier<List<RateWindow>> rates;
    private final ControllerMetrics metrics;
    private final Clock clock;

    public RolloutReconciler(ModelStores stores, Supplier<List<RateWindow>> rates, ControllerMetrics metrics, Clock clock) {
        this.stores = stores;
        this.rates = rates;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, ModelRollout>> prepareEventSources(EventSourceContext<ModelRollout> context) {
        InformerEventSourceConfiguration<ModelVersion> versions = InformerEventSourceConfiguration
                .from(ModelVersion.class, ModelRollout.class)
                .withName("modelversions")
                .withSecondaryToPrimaryMapper(mv -> context.getPrimaryCache()
                        .list(mv.getMetadata().getNamespace())
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build();
        return List.of(new InformerEventSource<>(versions, context));
    }

    @Override
    public UpdateControl<ModelRollout> reconcile(ModelRollout rollout, Context<ModelRollout> context) {
        Instant now = clock.instant();
        long generation = Objects.requireNonNullElse(rollout.getMetadata().getGeneration(), 0L);
        ModelRolloutStatus previous = rollout.getStatus();
        KubeEvents events = new KubeEvents(context.getClient());

        Settings settings;
        try {
            settings = Settings.of(rollout);
        } catch (IllegalArgumentException e) {
            LOG.warn("invalid ModelRollout: {}", e.getMessage());
            metrics.failure("InvalidSpec");
            if (previous == null || previous.conditions.stream().noneMatch(c -> "InvalidSpec".equals(c.reason))) {
                events.warning(rollout, "InvalidSpec", e.getMessage());
            }
            writeStatus(context, rollout, RolloutStatusBuilder.invalid("InvalidSpec", e.getMessage(), previous, generation, now),
                    false);
            return UpdateControl.<ModelRollout>noUpdate().rescheduleAfter(IDLE_INTERVAL);
        }

        Map<EventKind, Integer> rollbacks;
        String annotation = rollout.getMetadata().getAnnotations() == null ? null
                : rollout.getMetadata().getAnnotations().get(RollbackAnnotation.KEY);
        boolean clearAnnotation = annotation != null;
        try {
            rollbacks = RollbackAnnotation.parse(annotation, settings.models);
        } catch (IllegalArgumentException e) {
            events.warning(rollout, "RollbackRefused", RollbackAnnotation.KEY + "=" + annotation + ": " + e.getMessage());
            rollbacks = Map.of();
        }

        List<RolloutStep.Outcome> outcomes = new ArrayList<>();
        Optional<String> degraded = Optional.empty();
        try {
            ModelStore store = stores.at(settings.spec.modelRoot);
            RolloutStep step = new RolloutStep(store, rates, clock, BY);
            for (EventKind kind : settings.models) {
                RolloutStep.Outcome o = step.run(kind, settings.policy, Optional.ofNullable(rollbacks.get(kind)));
                outcomes.add(o);
                report(rollout, o, events, store, context);
            }
            updateVersions(context, store, outcomes, generation, now);
        } catch (IOException | RuntimeException e) {
            // the store away, or a refusal from it: say so in the status and try again later
            String why = "model store " + settings.spec.modelRoot + " unusable: " + CommandMain.describe(e);
            LOG.warn("{}", why);
            metrics.failure("ModelStoreUnreachable");
            degraded = Optional.of(why);
            clearAnnotation = false; // not acted on: keep the request
        }
        if (degraded.isEmpty()) {
            degraded = SparkApplicationState.problem(context.getClient(), rollout.getMetadata().getNamespace(),
                    settings.spec.sparkApplication);
        }
        ModelRolloutStatus status = outcomes.size() == settings.models.size()
                ? RolloutStatusBuilder.build(outcomes, degraded, previous, generation, now)
                : RolloutStatusBuilder.invalid(RolloutStatusBuilder.reasonOf(degraded.orElse("")), degraded.orElse(""),
                        previous, generation, now);
        writeStatus(context, rollout, status, clearAnnotation);
        return UpdateControl.<ModelRollout>noUpdate().rescheduleAfter(next(outcomes, settings.policy, now));
    }

    /**
     * Replaces the status (and removes a rollback request acted on) on the resource as the API
     * server has it now, not as the informer's cache last saw it: a patch computed against a
     * stale copy names fields the server no longer has.
     */
    private static void writeStatus(Context<ModelRollout> context, ModelRollout rollout, ModelRolloutStatus status,
            boolean clearAnnotation) {
        var resource = context.getClient().resources(ModelRollout.class)
                .inNamespace(rollout.getMetadata().getNamespace()).withName(rollout.getMetadata().getName());
        if (clearAnnotation) {
            resource.edit(r -> {
                if (r.getMetadata().getAnnotations() != null) {
                    r.getMetadata().getAnnotations().remove(RollbackAnnotation.KEY);
                }
                return r;
            });
        }
        resource.editStatus(r -> {
            r.setStatus(status);
            return r;
        });
    }

    /** The log line, the Event and the metrics of one step. */
    private void report(ModelRollout rollout, RolloutStep.Outcome o, KubeEvents events, ModelStore store,
            Context<ModelRollout> context) throws IOException {
        Decision d = o.decision();
        o.after().activeVersion().ifPresent(v -> metrics.activeVersion(o.kind().id(), v));
        if (o.lostRace() != null) {
            LOG.info("{}: {}", o.kind(), o.lostRace());
            return;
        }
        if (!o.changed()) {
            if (!d.verdict().passed()) { // a refused rollback request
                events.warning(rollout, "RollbackRefused", o.kind() + ": " + d.verdict().reason());
            }
            return;
        }
        String reason = switch (d.action()) {
            case PROMOTE -> "Promoted";
            case ROLL_BACK -> "RolledBack";
            case START_SHADOW -> "ShadowStarted";
            default -> "Rejected";
        };
        String message = o.kind() + " v" + d.version() + ": " + d.verdict().reason();
        LOG.info("{} {}", reason, message);
        metrics.decision(o.kind().id(), reason);
        boolean warning = d.action() == Decision.Action.REJECT || d.action() == Decision.Action.ROLL_BACK;
        if (warning) {
            events.warning(rollout, reason, message);
        } else {
            events.normal(rollout, reason, message);
        }
        versionsOf(rollout, context).stream()
                .filter(mv -> mv.getSpec() != null && o.kind().id().equals(mv.getSpec().model)
                        && Objects.equals(mv.getSpec().version, d.version()))
                .forEach(mv -> {
                    if (warning) {
                        events.warning(mv, reason, message);
                    } else {
                        events.normal(mv, reason, message);
                    }
                });
        if (d.action() == Decision.Action.PROMOTE) {
            store.version(o.kind(), d.version()).map(StoredVersion::metrics)
                    .map(m -> m.path("trainedAt").asText(null)).filter(Objects::nonNull)
                    .ifPresent(t -> {
                        try {
                            metrics.timeToActive(o.kind().id(), Duration.between(Instant.parse(t), clock.instant()));
                        } catch (RuntimeException e) {
                            // no usable training time: nothing to measure
                        }
                    });
        }
    }

    /** Each ModelVersion's phase and conditions, from the model store's pointers and log. */
    private void updateVersions(Context<ModelRollout> context, ModelStore store, List<RolloutStep.Outcome> outcomes,
            long generation, Instant now) throws IOException {
        Map<EventKind, RolloutStep.Outcome> byKind = new EnumMap<>(EventKind.class);
        outcomes.forEach(o -> byKind.put(o.kind(), o));
        Map<EventKind, Set<Integer>> stored = new HashMap<>();
        for (ModelVersion mv : versionsOf(context.getPrimaryResource(), context)) {
            ModelVersionStatus status = new ModelVersionStatus();
            status.observedGeneration = mv.getMetadata().getGeneration();
            EventKind kind = mv.getSpec() == null || mv.getSpec().model == null ? null : kindOrNull(mv.getSpec().model);
            RolloutStep.Outcome o = kind == null ? null : byKind.get(kind);
            if (o == null) {
                continue; // another kind than this rollout manages: its own rollout sets its status
            }
            int version = mv.getSpec().version == null ? 0 : mv.getSpec().version;
            Set<Integer> present = stored.computeIfAbsent(kind, k -> versionsIn(store, k));
            if (!present.contains(version)) {
                status.phase = mv.getStatus() == null || mv.getStatus().phase == null ? ModelPhase.Candidate : mv.getStatus().phase;
                status.message = kind + " v" + version + " is not in the model store";
                status.conditions.add(new Condition(Condition.READY, false, "NotInModelStore", status.message, now.toString(),
                        status.observedGeneration));
            } else {
                List<HistoryEntry> history = o.historyAfter();
                status.phase = Phases.of(version, o.after().activeVersion(), o.after().candidateVersion(), history);
                status.message = history.stream().filter(e -> e.version != null && e.version == version)
                        .reduce((a, b) -> b).map(e -> e.action + ": " + e.reason).orElse("waiting for a decision");
                boolean ready = status.phase == ModelPhase.Active;
                status.conditions.add(new Condition(Condition.READY, ready, status.phase.name(), status.message,
                        now.toString(), status.observedGeneration));
            }
            if (!sameStatus(mv.getStatus(), status)) {
                keepTransitionTimes(mv.getStatus(), status);
                mv.setStatus(status);
                try {
                    context.getClient().resource(mv).patchStatus();
                } catch (KubernetesClientException e) {
                    LOG.warn("could not update the status of ModelVersion {}: {}", mv.getMetadata().getName(), e.getMessage());
                }
            }
        }
    }

    /**
     * The ModelVersions of the rollout's namespace, from the informer's cache. Not the SDK's
     * secondary-resource index: it maps a version to the rollouts that existed when the version
     * was seen, and would miss versions created before their rollout.
     */
    @SuppressWarnings("unchecked")
    private static List<ModelVersion> versionsOf(ModelRollout rollout, Context<ModelRollout> context) {
        InformerEventSource<ModelVersion, ModelRollout> informer = (InformerEventSource<ModelVersion, ModelRollout>)
                context.eventSourceRetriever().getEventSourceFor(ModelVersion.class);
        return informer.list(rollout.getMetadata().getNamespace(), mv -> true).toList();
    }

    private static Set<Integer> versionsIn(ModelStore store, EventKind kind) {
        try {
            return store.versions(kind).stream().map(StoredVersion::version).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static EventKind kindOrNull(String model) {
        try {
            return EventKind.of(model);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean sameStatus(ModelVersionStatus old, ModelVersionStatus now) {
        if (old == null) {
            return false;
        }
        return old.phase == now.phase && Objects.equals(old.message, now.message)
                && Objects.equals(old.observedGeneration, now.observedGeneration)
                && old.conditions.size() == now.conditions.size()
                && old.conditions.stream().allMatch(c -> now.conditions.stream().anyMatch(n -> Objects.equals(n.type, c.type)
                        && Objects.equals(n.status, c.status) && Objects.equals(n.reason, c.reason)));
    }

    private static void keepTransitionTimes(ModelVersionStatus old, ModelVersionStatus now) {
        if (old == null) {
            return;
        }
        for (Condition n : now.conditions) {
            old.conditions.stream().filter(c -> Objects.equals(c.type, n.type) && Objects.equals(c.status, n.status))
                    .findFirst().ifPresent(c -> n.lastTransitionTime = c.lastTransitionTime);
        }
    }

    /** When to look again: soon after a change, at the end of a shadow period, else every 30 s. */
    static Duration next(List<RolloutStep.Outcome> outcomes, RolloutPolicy policy, Instant now) {
        Duration next = IDLE_INTERVAL;
        for (RolloutStep.Outcome o : outcomes) {
            if (o.changed() || o.lostRace() != null) {
                return AFTER_CHANGE;
            }
            if (o.after().candidate().isPresent()) {
                Duration left = Duration.between(now, o.after().candidate().get().since()
                        .plus(Durations.parse(policy.shadow.period)));
                if (left.compareTo(next) < 0) {
                    next = left.isNegative() ? AFTER_CHANGE : left.plusSeconds(1);
                }
            }
        }
        return next;
    }

    /** The spec as the reconcile uses it; an IllegalArgumentException says what is wrong with it. */
    record Settings(ModelRolloutSpec spec, List<EventKind> models, RolloutPolicy policy) {
        static Settings of(ModelRollout rollout) {
            ModelRolloutSpec spec = rollout.getSpec();
            if (spec == null || spec.modelRoot == null || spec.modelRoot.isBlank()) {
                throw new IllegalArgumentException("spec.modelRoot is missing: say where the models are (s3a://BUCKET/models)");
            }
            dev.stophack.storage.Location.parse(spec.modelRoot);
            List<EventKind> models = new ArrayList<>();
            for (String m : spec.models == null || spec.models.isEmpty() ? List.of("process", "memory") : spec.models) {
                models.add(EventKind.of(m));
            }
            RolloutPolicy policy = spec.policy == null ? new RolloutPolicy() : spec.policy;
            if (policy.shadow == null) {
                policy.shadow = new dev.stophack.api.rollout.ShadowPolicy();
            }
            if (policy.rollback == null) {
                policy.rollback = new dev.stophack.api.rollout.RollbackPolicy();
            }
            Durations.parse(policy.shadow.period);
            return new Settings(spec, models.stream().distinct().toList(), policy);
        }
    }
}

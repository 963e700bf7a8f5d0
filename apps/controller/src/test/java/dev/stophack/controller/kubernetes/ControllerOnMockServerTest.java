package dev.stophack.controller.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.ShadowStats;
import dev.stophack.api.rollout.Condition;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.rollout.ModelMetrics;
import dev.stophack.api.rollout.ModelPhase;
import dev.stophack.api.rollout.ModelRolloutSpec;
import dev.stophack.api.rollout.ModelVersionSpec;
import dev.stophack.api.rollout.Resources;
import dev.stophack.api.rollout.RolloutPhase;
import dev.stophack.controller.observe.ControllerMetrics;
import dev.stophack.controller.resource.ModelRollout;
import dev.stophack.controller.resource.ModelVersion;
import dev.stophack.controller.testing.StoredModels;
import dev.stophack.models.ModelStore;
import dev.stophack.storage.BlobStore;
import dev.stophack.storage.S3BlobStore;
import dev.stophack.testkit.TestServices;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The controller (Java Operator SDK on fabric8) against fabric8's mock API server in CRUD mode,
 * with the model store on the embedded S3: the resources it watches, the pointers it writes, the
 * statuses, conditions and Events it leaves.
 */
class ControllerOnMockServerTest {
    static final String NS = "stophack";

    @RegisterExtension
    static final TestServices services = TestServices.builder().s3().build();

    MockCluster cluster;
    ControllerRuntime controller;
    String prefix;
    BlobStore blobs;

    @BeforeEach
    void cluster() throws IOException {
        cluster = new MockCluster();
        prefix = "models-" + UUID.randomUUID().toString().substring(0, 8);
        blobs = new S3BlobStore(services.s3Client(), services.bucket(), prefix);
    }

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        cluster.close();
    }

    ControllerRuntime start(ModelStores stores) {
        controller = ControllerRuntime.start(new ControllerRuntime.Options(cluster.client, stores, NS, null), List::of,
                new ControllerMetrics(), Clock.systemUTC());
        return controller;
    }

    ModelStores plainStores() {
        return new ModelStores(location -> new ModelStore(blobs));
    }

    ModelRollout rollout(String sparkApplication, boolean shadow) {
        ModelRollout r = new ModelRollout();
        r.setMetadata(new ObjectMetaBuilder().withName("stophack").withNamespace(NS).build());
        ModelRolloutSpec spec = new ModelRolloutSpec();
        spec.modelRoot = "s3a://" + services.bucket() + "/" + prefix;
        spec.sparkApplication = sparkApplication;
        spec.policy.shadow.enabled = shadow;
        spec.policy.shadow.period = "2s";
        spec.policy.shadow.minEvents = 100;
        r.setSpec(spec);
        return cluster.client.resource(r).create();
    }

    void modelVersion(EventKind kind, int version, double f1) {
        ModelVersion mv = new ModelVersion();
        mv.setMetadata(new ObjectMetaBuilder().withName(Resources.modelVersionName(kind.id(), version)).withNamespace(NS)
                .addToLabels(Resources.MODEL_LABEL, kind.id()).build());
        ModelVersionSpec spec = new ModelVersionSpec();
        spec.model = kind.id();
        spec.version = version;
        spec.uri = "s3a://" + services.bucket() + "/" + prefix + "/" + kind.id() + "/v" + version + "/model";
        spec.algorithm = "gbt";
        spec.metrics = new ModelMetrics(0.9, 0.9, 0.9, f1, 0.95);
        spec.trainedAt = Instant.now().toString();
        mv.setSpec(spec);
        cluster.client.resource(mv).create();
    }

    ModelRollout currentRollout() {
        return cluster.client.resources(ModelRollout.class).inNamespace(NS).withName("stophack").get();
    }

    ModelVersion currentVersion(EventKind kind, int n) {
        return cluster.client.resources(ModelVersion.class).inNamespace(NS).withName(Resources.modelVersionName(kind.id(), n)).get();
    }

    Optional<Integer> activeOnS3(EventKind kind) throws IOException {
        return new ModelStore(blobs).active(kind).map(p -> p.version());
    }

    List<Event> events(String reason) {
        return cluster.client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).toList();
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    static Optional<Condition> condition(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.type)).findFirst();
    }

    @Test
    void aPassingVersionBecomesActiveAndAFailingOneIsRejectedWithItsReason() throws Exception {
        StoredModels.good(blobs, EventKind.PROCESS, 1);
        StoredModels.version(blobs, EventKind.PROCESS, 2, 0.5, 0.95, true);
        StoredModels.good(blobs, EventKind.MEMORY, 1);
        modelVersion(EventKind.PROCESS, 1, 0.9);
        modelVersion(EventKind.PROCESS, 2, 0.5);
        modelVersion(EventKind.MEMORY, 1, 0.9);
        modelVersion(EventKind.MEMORY, 7, 0.9); // not in the model store
        rollout(null, false);
        start(plainStores());

        eventually("process v2 rejected", () -> {
            ModelVersion v2 = currentVersion(EventKind.PROCESS, 2);
            return v2.getStatus() != null && v2.getStatus().phase == ModelPhase.Rejected;
        });
        assertThat(activeOnS3(EventKind.PROCESS)).contains(1);
        assertThat(activeOnS3(EventKind.MEMORY)).contains(1);
        assertThat(currentVersion(EventKind.PROCESS, 2).getStatus().message).contains("F1 0.5000 is below the minimum");
        eventually("every version's phase", () -> {
            ModelVersion v1 = currentVersion(EventKind.PROCESS, 1);
            ModelVersion m7 = currentVersion(EventKind.MEMORY, 7);
            return v1.getStatus() != null && v1.getStatus().phase == ModelPhase.Active && m7.getStatus() != null;
        });
        assertThat(condition(currentVersion(EventKind.MEMORY, 7).getStatus().conditions, Condition.READY))
                .hasValueSatisfying(c -> assertThat(c.reason).isEqualTo("NotInModelStore"));
        assertThat(condition(currentVersion(EventKind.PROCESS, 1).getStatus().conditions, Condition.READY))
                .hasValueSatisfying(c -> assertThat(c.isTrue()).isTrue());

        eventually("the rollout's status", () -> {
            ModelRollout r = currentRollout();
            return r.getStatus() != null && r.getStatus().process != null && r.getStatus().memory != null
                    && Integer.valueOf(1).equals(r.getStatus().process.active) && r.getStatus().phase == RolloutPhase.Idle;
        });
        ModelRollout r = currentRollout();
        assertThat(r.getStatus().memory.active).isEqualTo(1);
        assertThat(r.getStatus().history).extracting(h -> h.action).contains(HistoryEntry.Action.Promoted,
                HistoryEntry.Action.Rejected);
        assertThat(r.getStatus().observedGeneration).isEqualTo(r.getMetadata().getGeneration());
        assertThat(condition(r.getStatus().conditions, Condition.READY)).hasValueSatisfying(c -> assertThat(c.isTrue()).isTrue());
        assertThat(condition(r.getStatus().conditions, Condition.DEGRADED)).hasValueSatisfying(c -> assertThat(c.isTrue()).isFalse());
        assertThat(events("Promoted")).extracting(e -> e.getInvolvedObject().getKind()).contains("ModelRollout", "ModelVersion");
        assertThat(events("Rejected")).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).contains("process v2", "F1 0.5000");
        });
        assertThat(new ModelStore(blobs).history(EventKind.PROCESS)).extracting(h -> h.by).containsOnly("stophack controller");
    }

    @Test
    void aShadowPeriodPromotesAnAgreeingVersionAndRejectsADisagreeingOne() throws Exception {
        StoredModels.good(blobs, EventKind.PROCESS, 1);
        StoredModels.good(blobs, EventKind.PROCESS, 2);
        StoredModels.good(blobs, EventKind.MEMORY, 1);
        rollout(null, true);
        start(plainStores());
        ModelStore store = new ModelStore(blobs);
        eventually("process v2 in shadow", () -> candidate(store).isPresent());
        eventually("the rollout shows the shadow", () -> currentRollout().getStatus() != null
                && currentRollout().getStatus().phase == RolloutPhase.Shadow);
        store.putShadowStats(EventKind.PROCESS, 2, new ShadowStats(1, 1, 400, 4, 40, 41, Instant.now()));
        eventually("process v2 promoted after its period", () -> active(store).equals(Optional.of(2)));

        StoredModels.good(blobs, EventKind.PROCESS, 3);
        modelVersion(EventKind.PROCESS, 3, 0.9); // as training does: the new resource wakes the rollout
        eventually("process v3 in shadow", () -> candidate(store).equals(Optional.of(3)));
        store.putShadowStats(EventKind.PROCESS, 3, new ShadowStats(9, 2, 400, 100, 40, 140, Instant.now()));
        eventually("process v3 rejected", () -> history(store).stream()
                .anyMatch(h -> h.action == HistoryEntry.Action.Rejected && h.version == 3));
        assertThat(active(store)).contains(2);
        assertThat(store.history(EventKind.PROCESS).stream().filter(h -> h.version == 3).reduce((a, b) -> b).orElseThrow().reason)
                .contains("25.00% of 400 events");
    }

    private static List<HistoryEntry> history(ModelStore store) {
        try {
            return store.history(EventKind.PROCESS);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<Integer> candidate(ModelStore store) {
        try {
            return store.candidate(EventKind.PROCESS).map(c -> c.version());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> active(ModelStore store) {
        try {
            return store.active(EventKind.PROCESS).map(c -> c.version());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Test
    void anAnnotationRollsBackAndIsRemoved() throws Exception {
        StoredModels.good(blobs, EventKind.PROCESS, 1);
        StoredModels.good(blobs, EventKind.MEMORY, 1);
        modelVersion(EventKind.PROCESS, 1, 0.9);
        modelVersion(EventKind.PROCESS, 2, 0.9);
        rollout(null, false);
        start(plainStores());
        ModelStore store = new ModelStore(blobs);
        eventually("process v1 active", () -> active(store).equals(Optional.of(1)));
        StoredModels.good(blobs, EventKind.PROCESS, 2);
        eventually("process v2 active", () -> active(store).equals(Optional.of(2)));

        // as kubectl annotate does it: a merge patch without the resource version, so that a status
        // the controller writes in between does not make the request conflict
        cluster.client.resources(ModelRollout.class).inNamespace(NS).withName("stophack")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\""
                        + Resources.ROLLBACK_ANNOTATION + "\":\"process-v1\"}}}");
        eventually("process v1 active again", () -> active(store).equals(Optional.of(1)));
        eventually("the annotation removed", () -> !currentRollout().getMetadata().getAnnotations()
                .containsKey(Resources.ROLLBACK_ANNOTATION));
        eventually("v2 shown as rolled back", () -> currentVersion(EventKind.PROCESS, 2).getStatus() != null
                && currentVersion(EventKind.PROCESS, 2).getStatus().phase == ModelPhase.RolledBack);
        assertThat(store.history(EventKind.PROCESS)).extracting(h -> h.action).containsExactly(HistoryEntry.Action.Promoted,
                HistoryEntry.Action.Promoted, HistoryEntry.Action.RolledBack);
        assertThat(events("RolledBack")).isNotEmpty();
        assertThat(currentRollout().getStatus().process.previous).isEqualTo(2);
    }

    @Test
    void aControllerKilledInTheMiddleOfAPromotionPromotesOnceAfterARestart() throws Exception {
        StoredModels.good(blobs, EventKind.PROCESS, 1);
        StoredModels.good(blobs, EventKind.MEMORY, 1);
        rollout(null, false);
        // the first controller dies after writing its decision and before writing ACTIVE
        AtomicInteger deaths = new AtomicInteger();
        BlobStore dying = new BlobStore() {
            @Override
            public Optional<byte[]> get(String key) throws IOException {
                return blobs.get(key);
            }

            @Override
            public void put(String key, byte[] bytes) throws IOException {
                if (key.equals("process/ACTIVE")) {
                    deaths.incrementAndGet();
                    throw new IllegalStateException("killed between the decision and its views");
                }
                blobs.put(key, bytes);
            }

            @Override
            public List<String> list(String prefix) throws IOException {
                return blobs.list(prefix);
            }

            @Override
            public void delete(String key) throws IOException {
                blobs.delete(key);
            }

            @Override
            public String uri(String key) {
                return blobs.uri(key);
            }
        };
        start(new ModelStores(location -> new ModelStore(dying)));
        eventually("the first controller died in the promotion", () -> deaths.get() > 0);
        controller.close();
        controller = null;
        assertThat(activeOnS3(EventKind.PROCESS)).as("the promotion was cut short").isEmpty();

        start(plainStores());
        ModelStore store = new ModelStore(blobs);
        eventually("ACTIVE written after the restart", () -> active(store).equals(Optional.of(1)));
        eventually("the rollout is ready", () -> currentRollout().getStatus() != null
                && condition(currentRollout().getStatus().conditions, Condition.READY).map(Condition::isTrue).orElse(false));
        assertThat(store.history(EventKind.PROCESS)).as("promoted once").singleElement()
                .satisfies(h -> assertThat(h.action).isEqualTo(HistoryEntry.Action.Promoted));
        assertThat(blobs.list("process/decisions/").stream().filter(k -> k.endsWith(".json")).count()).isEqualTo(1);
    }

    @Test
    void anInvalidRolloutGetsAConditionNotACrashLoop() throws Exception {
        ModelRollout r = new ModelRollout();
        r.setMetadata(new ObjectMetaBuilder().withName("stophack").withNamespace(NS).build());
        ModelRolloutSpec spec = new ModelRolloutSpec();
        spec.modelRoot = "ftp://nowhere/models";
        r.setSpec(spec);
        cluster.client.resource(r).create();
        start(plainStores());
        eventually("a Degraded condition", () -> currentRollout().getStatus() != null
                && currentRollout().getStatus().phase == RolloutPhase.Degraded);
        Condition degraded = condition(currentRollout().getStatus().conditions, Condition.DEGRADED).orElseThrow();
        assertThat(degraded.isTrue()).isTrue();
        assertThat(degraded.reason).isEqualTo("InvalidSpec");
        assertThat(degraded.message).contains("unsupported scheme", "ftp://nowhere/models");
        assertThat(events("InvalidSpec")).hasSize(1);

        StoredModels.good(blobs, EventKind.PROCESS, 1);
        StoredModels.good(blobs, EventKind.MEMORY, 1);
        cluster.client.resources(ModelRollout.class).inNamespace(NS).withName("stophack")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"modelRoot\":\"s3a://" + services.bucket() + "/"
                        + prefix + "\"}}");
        eventually("ready once the spec is mended", () -> condition(currentRollout().getStatus().conditions, Condition.READY)
                .map(Condition::isTrue).orElse(false));
        assertThat(events("InvalidSpec")).as("one event, not one per retry").hasSize(1);
    }

    @Test
    void aStreamingJobThatDoesNotRunMakesTheRolloutDegraded() throws Exception {
        cluster.client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("sparkapplications.sparkoperator.k8s.io").endMetadata()
                .withNewSpec().withGroup("sparkoperator.k8s.io").withScope("Namespaced")
                .withNewNames().withKind("SparkApplication").withPlural("sparkapplications").withSingular("sparkapplication").endNames()
                .addNewVersion().withName("v1beta2").withServed(true).withStorage(true).endVersion()
                .endSpec().build()).create();
        StoredModels.good(blobs, EventKind.PROCESS, 1);
        StoredModels.good(blobs, EventKind.MEMORY, 1);
        rollout("stophack-streaming", false);
        start(plainStores());
        eventually("degraded: no such application", () -> currentRollout().getStatus() != null
                && currentRollout().getStatus().phase == RolloutPhase.Degraded);
        assertThat(condition(currentRollout().getStatus().conditions, Condition.DEGRADED).orElseThrow().message)
                .contains("SparkApplication stophack-streaming does not exist");
        assertThat(activeOnS3(EventKind.PROCESS)).as("decisions go on: the job reads ACTIVE when it starts").contains(1);

        GenericKubernetesResource app = new GenericKubernetesResource();
        app.setApiVersion("sparkoperator.k8s.io/v1beta2");
        app.setKind("SparkApplication");
        app.setMetadata(new ObjectMetaBuilder().withName("stophack-streaming").withNamespace(NS).build());
        app.setAdditionalProperty("status", Map.of("applicationState", Map.of("state", "RUNNING")));
        cluster.client.resource(app).create();
        eventually("no longer degraded", () -> condition(currentRollout().getStatus().conditions, Condition.DEGRADED)
                .map(c -> !c.isTrue()).orElse(false));
        assertThat(currentRollout().getStatus().phase).isNotEqualTo(RolloutPhase.Degraded);
        assertThat(new String(blobs.get("process/HISTORY.jsonl").orElseThrow(), StandardCharsets.UTF_8)).contains("Promoted");
    }
}

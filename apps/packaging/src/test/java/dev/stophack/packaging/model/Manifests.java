package dev.stophack.packaging.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What helm rendered, parsed: each document as a tree and as the typed model of its kind. Every
 * kind the chart may render is registered here, explicitly; an unregistered kind is an error.
 */
public final class Manifests {
    /** Lenient mapper for fabric8 and Strimzi (unknown fields land in additionalProperties, which {@link Strict} reports). */
    public static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** Strict mapper for stophack's own small models: an unknown field fails the parse. */
    public static final ObjectMapper STRICT = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    public static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("v1/Pod", Pod.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class),
            Map.entry("sparkoperator.k8s.io/v1beta2/SparkApplication", SparkApplicationModel.SparkApplication.class),
            Map.entry("sparkoperator.k8s.io/v1beta2/ScheduledSparkApplication",
                    SparkApplicationModel.ScheduledSparkApplication.class),
            Map.entry("stophack.dev/v1alpha1/ModelRollout", ModelRolloutModel.ModelRollout.class));

    /** One rendered document. */
    public record Doc(String source, ObjectNode tree, Object typed) {
        public String kind() {
            return tree.path("kind").asText();
        }

        public String name() {
            return tree.path("metadata").path("name").asText();
        }

        public String id() {
            return kind() + "/" + name();
        }

        public <T> T as(Class<T> type) {
            return type.cast(typed);
        }
    }

    private final List<Doc> docs;

    private Manifests(List<Doc> docs) {
        this.docs = docs;
    }

    public List<Doc> all() {
        return docs;
    }

    public List<Doc> ofKind(String kind) {
        return docs.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    public <T> List<T> typed(Class<T> type) {
        return docs.stream().filter(d -> type.isInstance(d.typed())).map(d -> type.cast(d.typed())).toList();
    }

    public Doc get(String kind, String name) {
        return docs.stream().filter(d -> d.kind().equals(kind) && d.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " rendered; have " + ids()));
    }

    public List<String> ids() {
        return docs.stream().map(Doc::id).toList();
    }

    /**
     * Parses every document of {@code yaml} into its registered type. Fails on an unregistered kind,
     * on a field a strict model does not know, and (through {@link #problems()}) on fields that the
     * lenient models only keep aside.
     */
    public static Manifests parse(String yaml) {
        List<Doc> docs = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            var it = MAPPER.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node == null || node.isNull() || node.isMissingNode() || node.isEmpty()) {
                    continue;
                }
                ObjectNode tree = (ObjectNode) node;
                String key = tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
                Class<?> type = KINDS.get(key);
                if (type == null) {
                    throw new AssertionError("the chart rendered a kind no typed model is registered for: " + key
                            + " (" + tree.path("metadata").path("name").asText() + ")");
                }
                ObjectMapper m = type.getPackageName().startsWith("dev.stophack") ? STRICT : MAPPER;
                Object typed;
                try {
                    typed = m.treeToValue(tree, type);
                } catch (IOException e) {
                    throw new AssertionError(key + " " + tree.path("metadata").path("name").asText()
                            + " does not parse as " + type.getName() + ": " + e.getMessage(), e);
                }
                docs.add(new Doc(key, tree, typed));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the rendered output is not YAML", e);
        }
        return new Manifests(docs);
    }

    /** Every field some typed model does not know, and every Strimzi field v1 removed, by path. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (Doc d : docs) {
            out.addAll(Strict.problems(MAPPER, d.typed(), d.id()));
        }
        return out;
    }

    /** A rendered object as fabric8's HasMetadata, when it is one. */
    public static HasMetadata meta(Doc d) {
        return d.typed() instanceof HasMetadata h ? h : null;
    }
}

package dev.stophack.packaging.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import dev.stophack.packaging.model.Manifests;
import dev.stophack.packaging.model.SparkApplicationModel.ScheduledSparkApplication;
import dev.stophack.packaging.model.SparkApplicationModel.SparkApplication;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The chart with the values a platform engineer changes: each lints, renders and passes every check. */
class ChartVariantsTest {
    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("defaults", Map.of()),
                Arguments.of("external S3", Chart.values("objectStore.mode", "external",
                        "objectStore.credentials.existingSecret", "my-s3", "objectStore.external.endpoint", "https://s3.example.test")),
                Arguments.of("external S3, AWS default chain", Chart.values("objectStore.mode", "external",
                        "objectStore.credentials.defaultChain", true, "objectStore.bucketJob.enabled", false)),
                Arguments.of("security off", Chart.values("kafka.listeners.scram", false, "kafka.listeners.plain", true)),
                Arguments.of("scheduled training", Chart.values("training.schedule.enabled", true)),
                Arguments.of("no consumer", Chart.values("consumer.enabled", false)),
                Arguments.of("no web log producer", Chart.values("producer.weblog.enabled", false)),
                Arguments.of("web log from a volume at a rate", Chart.values("producer.weblog.data.source", "volume",
                        "producer.weblog.data.volume", Map.of("persistentVolumeClaim", Map.of("claimName", "weblogs")),
                        "producer.weblog.data.file", "access.log.gz", "producer.weblog.rate", 500)),
                Arguments.of("monitoring", Chart.values("monitoring.prometheusOperator", true, "monitoring.labels",
                        Map.of("release", "prometheus"))),
                Arguments.of("external Kafka", Chart.values("kafka.strimzi", false, "kafka.external.bootstrap",
                        "kafka.example.test:9093", "kafka.external.clientConfigSecret", "kafka-client")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void lintsRendersAndPassesEveryCheck(String name, Map<String, Object> values) {
        LintResult lint = Chart.lint(values);
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        String rendered = Chart.template(values);
        Checks.all(rendered, Manifests.parse(rendered));
    }

    @Test
    void securityOffHasNoUsersNoClientConfigAndOnlyThePlainListener() {
        Manifests m = Manifests.parse(Chart.template(Chart.values("kafka.listeners.scram", false, "kafka.listeners.plain", true)));
        assertThat(m.typed(KafkaUser.class)).isEmpty();
        assertThat(m.typed(ConfigMap.class)).isEmpty();
        Kafka k = m.typed(Kafka.class).get(0);
        assertThat(k.getSpec().getKafka().getListeners()).extracting(l -> l.getPort()).containsExactly(9092);
        assertThat(k.getSpec().getKafka().getAuthorization()).isNull();
    }

    @Test
    void scramIsTheDefaultAndEveryKafkaClientGetsItsOwnUser() {
        Manifests m = Manifests.parse(Chart.template(Map.of()));
        Kafka k = m.typed(Kafka.class).get(0);
        assertThat(k.getSpec().getKafka().getListeners()).singleElement().satisfies(l -> {
            assertThat(l.getPort()).isEqualTo(9093);
            assertThat(l.isTls()).isTrue();
            assertThat(l.getAuth().getType()).isEqualTo("scram-sha-512");
        });
        assertThat(m.typed(KafkaUser.class)).extracting(u -> u.getMetadata().getName()).containsExactlyInAnyOrder(
                "stophack-consumer", "stophack-controller", "stophack-producer-memory", "stophack-producer-process",
                "stophack-producer-weblog", "stophack-streaming");
        String props = m.typed(ConfigMap.class).get(0).getData().get("client.properties");
        assertThat(props).contains("config.providers.dir.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider")
                .contains("sasl.jaas.config=${dir:/etc/stophack/kafka-user:sasl.jaas.config}")
                .contains("ssl.truststore.type=PEM");
        // each Kafka client mounts its own user's Secret
        Deployment consumer = m.get("Deployment", "stophack-consumer").as(Deployment.class);
        assertThat(consumer.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getSecret()).isNotNull().extracting(x -> x.getSecretName())
                        .isEqualTo("stophack-consumer"));
        // and the Spark executors read Kafka too: they get the same volumes as the driver
        SparkApplication streaming = m.get("SparkApplication", "stophack-streaming").as(SparkApplication.class);
        assertThat(streaming.spec().executor().volumeMounts()).extracting(v -> v.getMountPath())
                .contains("/etc/stophack/kafka", "/etc/stophack/kafka-user", "/etc/stophack/kafka-ca");
    }

    @Test
    void kafkaUsersMayTouchExactlyTheirTopicsAndGroups() {
        Manifests m = Manifests.parse(Chart.template(Map.of()));
        Map<String, List<String>> acls = new java.util.TreeMap<>();
        for (KafkaUser u : m.typed(KafkaUser.class)) {
            var auth = (io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple) u.getSpec().getAuthorization();
            acls.put(u.getMetadata().getName(), auth.getAcls().stream().map(a -> {
                var r = a.getResource();
                String res = r instanceof io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource t ? "topic:" + t.getName()
                        : r instanceof io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource g ? "group:" + g.getName()
                                + (g.getPatternType().toValue().equals("prefix") ? "*" : "") : r.toString();
                return res + " " + a.getOperations().stream().map(Object::toString).sorted().toList();
            }).sorted().toList());
        }
        assertThat(acls).isEqualTo(Map.of(
                "stophack-producer-process", List.of("topic:process [DESCRIBE, WRITE]"),
                "stophack-producer-memory", List.of("topic:memory [DESCRIBE, WRITE]"),
                "stophack-producer-weblog", List.of("topic:weblog [DESCRIBE, WRITE]"),
                "stophack-consumer", List.of("group:stophack-consumer [DESCRIBE, READ]", "topic:alerts [DESCRIBE, READ]",
                        "topic:attack-counts [DESCRIBE, READ]", "topic:attacks [DESCRIBE, READ]",
                        "topic:blocklist [DESCRIBE, READ]", "topic:memory [DESCRIBE, READ]", "topic:process [DESCRIBE, READ]",
                        "topic:stream-status [DESCRIBE, READ]", "topic:weblog [DESCRIBE, READ]"),
                "stophack-streaming", List.of("group:spark-kafka-source-* [DESCRIBE, READ]", "topic:alerts [DESCRIBE, WRITE]",
                        "topic:attack-counts [DESCRIBE, WRITE]", "topic:attack-predictions [DESCRIBE, READ, WRITE]",
                        "topic:attacks [DESCRIBE, WRITE]", "topic:blocklist [DESCRIBE, WRITE]",
                        "topic:deadletter [DESCRIBE, WRITE]", "topic:memory [DESCRIBE, READ]", "topic:process [DESCRIBE, READ]",
                        "topic:stream-status [DESCRIBE, WRITE]", "topic:weblog [DESCRIBE, READ]"),
                "stophack-controller", List.of("topic:attack-counts [DESCRIBE, READ]")));
    }

    @Test
    void externalS3RendersNoSecretAndTheDefaultChainNoKeysAtAll() {
        Manifests ext = Manifests.parse(Chart.template(Chart.values("objectStore.mode", "external",
                "objectStore.credentials.existingSecret", "my-s3")));
        assertThat(ext.typed(Secret.class)).isEmpty();
        assertThat(ext.ids()).noneMatch(id -> id.contains("seaweedfs"));
        Manifests chain = Manifests.parse(Chart.template(Chart.values("objectStore.mode", "external",
                "objectStore.credentials.defaultChain", true)));
        SparkApplication s = chain.get("SparkApplication", "stophack-streaming").as(SparkApplication.class);
        assertThat(s.spec().driver().env()).extracting(e -> e.getName()).doesNotContain("AWS_ACCESS_KEY_ID");
        assertThat(s.spec().sparkConf()).containsEntry("spark.hadoop.fs.s3a.aws.credentials.provider",
                "com.amazonaws.auth.DefaultAWSCredentialsProviderChain");
    }

    @Test
    void externalS3WithoutCredentialsIsRefusedClearly() {
        assertThatThrownBy(() -> Chart.template(Chart.values("objectStore.mode", "external")))
                .hasMessageContaining("objectStore.mode external needs objectStore.credentials.existingSecret");
    }

    @Test
    void scheduledTrainingRetrainsWithTheSameJob() {
        Manifests m = Manifests.parse(Chart.template(Chart.values("training.schedule.enabled", true)));
        ScheduledSparkApplication s = m.typed(ScheduledSparkApplication.class).get(0);
        assertThat(s.spec().schedule()).isEqualTo("0 3 * * *");
        assertThat(s.spec().template().mainClass()).isEqualTo("dev.stophack.training.TrainCommand");
        assertThat(s.spec().concurrencyPolicy().name()).isEqualTo("Forbid");
    }

    /** The access-log producer replays a log generated into an emptyDir, once, with a user of its own. */
    @Test
    void theWebLogProducerReplaysAGeneratedLogOnceWithItsOwnUser() {
        Manifests m = Manifests.parse(Chart.template(Map.of()));
        PodSpec pod = m.get("Deployment", "stophack-producer-weblog").as(Deployment.class).getSpec().getTemplate().getSpec();
        Container generate = pod.getInitContainers().get(0);
        assertThat(generate.getArgs()).containsExactly("dev.stophack.cli.GenerateCommand", "--weblogs", "--out", "/data",
                "--weblog-lines", "1000000", "--weblog-hours", "12", "--weblog-start", "2024-05-18T00:00:00Z",
                "--weblog-format", "seed", "--weblog-incidents", "3", "--seed", "42", "--quiet");
        Container producer = pod.getContainers().get(0);
        assertThat(producer.getArgs()).containsExactly("dev.stophack.producer.ProduceCommand", "weblog", "--log",
                "/data/weblog.log", "--speed", "60", "--wait-at-end", "--http-host", "0.0.0.0", "--http-port", "9463");
        assertThat(producer.getPorts()).extracting(p -> p.getContainerPort()).containsExactly(9463);
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("data");
            assertThat(v.getEmptyDir()).isNotNull();
        });
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getSecret()).isNotNull()
                .extracting(x -> x.getSecretName()).isEqualTo("stophack-producer-weblog"));
        assertThat(producer.getVolumeMounts()).extracting(v -> v.getMountPath())
                .contains("/data", "/etc/stophack/kafka", "/etc/stophack/kafka-user", "/etc/stophack/kafka-ca");
    }

    @Test
    void aWebLogFromAVolumeAtARateHasNoGeneratorAndTheSwitchTurnsItOff() {
        Manifests volume = Manifests.parse(Chart.template(Chart.values("producer.weblog.data.source", "volume",
                "producer.weblog.data.volume", Map.of("persistentVolumeClaim", Map.of("claimName", "weblogs")),
                "producer.weblog.data.file", "access.log.gz", "producer.weblog.rate", 500,
                "producer.weblog.extraArgs", List.of("--lines", "1000"))));
        PodSpec pod = volume.get("Deployment", "stophack-producer-weblog").as(Deployment.class).getSpec().getTemplate().getSpec();
        assertThat(pod.getInitContainers()).isEmpty();
        assertThat(pod.getContainers().get(0).getArgs()).containsSequence("--log", "/data/access.log.gz", "--rate", "500")
                .doesNotContain("--speed").endsWith("--lines", "1000");
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim()).isNotNull()
                .extracting(c -> c.getClaimName()).isEqualTo("weblogs"));
        assertThatThrownBy(() -> Chart.template(Chart.values("producer.weblog.data.source", "volume")))
                .hasMessageContaining("producer.weblog.data.volume is required");

        Manifests off = Manifests.parse(Chart.template(Chart.values("producer.weblog.enabled", false)));
        assertThat(off.ids()).noneMatch(id -> id.endsWith("/stophack-producer-weblog"));
        assertThat(off.ids()).anyMatch(id -> id.endsWith("/stophack-producer-process"));
    }

    @Test
    void noConsumerMeansNoDashboardAndNoConsumerUser() {
        Manifests m = Manifests.parse(Chart.template(Chart.values("consumer.enabled", false)));
        assertThat(m.ids()).noneMatch(id -> id.endsWith("/stophack-consumer"));
    }
}

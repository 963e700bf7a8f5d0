package dev.stophack.packaging.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The typed parsing refuses what it must: typos, unregistered kinds, fields Strimzi v1 removed. */
class StrictTest {
    @Test
    void aTypoInACoreObjectIsReported() {
        Manifests m = Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    spec:
                      containers:
                        - name: c
                          image: i:1
                          readinesProbe: {tcpSocket: {port: 1}}
                """);
        assertThat(m.problems()).singleElement().asString().contains("readinesProbe").contains("spec.template.spec.containers[0]");
    }

    @Test
    void fieldsStrimziV1RemovedAreRefused() {
        assertThat(StrimziV1.all()).contains("io.strimzi.api.kafka.model.kafka.KafkaClusterSpec#getReplicas",
                "io.strimzi.api.kafka.model.kafka.KafkaClusterSpec#getStorage",
                "io.strimzi.api.kafka.model.kafka.KafkaSpec#getZookeeper",
                "io.strimzi.api.kafka.model.user.acl.AclRule#getOperation");
        Manifests m = Manifests.parse("""
                apiVersion: kafka.strimzi.io/v1
                kind: Kafka
                metadata: {name: k}
                spec:
                  kafka:
                    version: 4.1.1
                    replicas: 3
                    listeners: [{name: tls, port: 9093, type: internal, tls: true}]
                """);
        assertThat(m.problems()).singleElement().asString().contains("spec.kafka.replicas: removed in kafka.strimzi.io/v1");
    }

    @Test
    void aSparkApplicationFieldOutsideTheModelFailsTheParse() {
        assertThatThrownBy(() -> Manifests.parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: s}
                spec: {type: Java, mainClas: x}
                """)).hasMessageContaining("mainClas");
    }

    @Test
    void anUnregisteredKindFailsTheParse() {
        assertThatThrownBy(() -> Manifests.parse("apiVersion: v1\nkind: Endpoints\nmetadata: {name: e}\n"))
                .hasMessageContaining("no typed model is registered for: v1/Endpoints");
    }
}

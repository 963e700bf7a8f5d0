package dev.stophack.packaging.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad values are refused with the schema's message. helm template enforces values.schema.json;
 * helm lint is run too (it must not pass what template refuses).
 */
class ValuesSchemaTest {
    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of(Chart.values("objectStore.mode", "minio"), "objectStore.mode"),
                Arguments.of(Chart.values("kafka.replicas", 0), "kafka.replicas"),
                Arguments.of(Chart.values("kafka.version", "3.9.1"), "kafka.version"),
                Arguments.of(Chart.values("producer.kinds", java.util.List.of("weblog")), "producer.kinds"),
                Arguments.of(Chart.values("training.algorithm", "svm"), "training.algorithm"),
                Arguments.of(Chart.values("streaming.driver.memory", "2 GB"), "streaming.driver.memory"),
                Arguments.of(Chart.values("controller.policy.minF1", 1.5), "controller.policy.minF1"),
                Arguments.of(Chart.values("kafka.topics.process.partitions", 0), "kafka.topics.process.partitions"),
                Arguments.of(Chart.values("kafka.listeners.scram", false), "kafka.listeners"),
                // a credential in values has no place: the schema knows no such key
                Arguments.of(Chart.values("objectStore.credentials.secretAccessKey", "s3cr3t"), "secretAccessKey"),
                Arguments.of(Chart.values("consumer.replicas", 2), "replicas"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("bad")
    void templateRefusesWithTheSchemaMessage(Map<String, Object> values, String mentions) {
        assertThatThrownBy(() -> Chart.template(values))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(mentions.substring(mentions.lastIndexOf('.') + 1));
        LintResult lint = Chart.lint(values);
        assertThat(lint.isFailed()).as("lint of " + values).isTrue();
    }
}

package dev.stophack.packaging.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import dev.stophack.packaging.model.Manifests;
import dev.stophack.packaging.model.SparkApplicationModel.SparkApplication;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import dev.stophack.packaging.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chart with its defaults: lint, render, parse strictly, and the contract's objects. */
class ChartDefaultsTest {
    static String rendered;
    static Manifests manifests;

    @BeforeAll
    static void render() {
        rendered = Chart.template(Map.of());
        manifests = Manifests.parse(rendered);
    }

    @Test
    void lintsCleanInStrictMode() {
        LintResult lint = Chart.lint(Map.of());
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void everyObjectParsesIntoItsTypeWithoutUnknownOrRemovedFields() {
        assertThat(manifests.all()).hasSizeGreaterThan(20);
        assertThat(manifests.problems()).isEmpty();
    }

    @Test
    void everyTopicOfTheContractExistsWithPartitionsAndRetention() {
        var topics = manifests.typed(KafkaTopic.class);
        assertThat(topics).extracting(t -> t.getSpec().getTopicName()).containsExactlyInAnyOrder(
                "process", "memory", "attack-counts", "attacks", "deadletter", "attack-predictions",
                "stream-status", "weblog", "blocklist", "alerts");
        for (KafkaTopic t : topics) {
            assertThat(t.getSpec().getPartitions()).as(t.getSpec().getTopicName()).isPositive();
            assertThat(t.getSpec().getConfig()).as(t.getSpec().getTopicName()).containsKey("retention.ms");
            assertThat(t.getMetadata().getLabels()).containsKey("strimzi.io/cluster");
        }
    }

    @Test
    void theSparkApplicationsNameTheMainClassesAndJarsOfTheImages() {
        var streaming = manifests.get("SparkApplication", "stophack-streaming").as(SparkApplication.class).spec();
        assertThat(streaming.mainClass()).isEqualTo("dev.stophack.streaming.StreamCommand");
        assertThat(streaming.mainApplicationFile()).isEqualTo("local:///opt/stophack/stophack-streaming.jar");
        assertThat(streaming.image()).isEqualTo("stophack/streaming:0.1.0");
        assertThat(streaming.restartPolicy().type().name()).isEqualTo("Always");
        assertThat(streaming.arguments()).containsSequence("--checkpoints", "s3a://stophack/checkpoints");
        var training = manifests.get("SparkApplication", "stophack-training").as(SparkApplication.class).spec();
        assertThat(training.mainClass()).isEqualTo("dev.stophack.training.TrainCommand");
        assertThat(training.mainApplicationFile()).isEqualTo("local:///opt/stophack/stophack-training.jar");
        assertThat(training.arguments()).contains("--register-model-version");
    }

    /** The Strimzi operator the chart pins is the one whose model the checks parse with. */
    @Test
    void thePinnedStrimziIsTheOneTheChecksModel() throws IOException {
        Matcher chart = Pattern.compile("stophack.dev/strimzi-version: \"([^\"]+)\"")
                .matcher(Files.readString(Repo.CHART.resolve("Chart.yaml")));
        Matcher pom = Pattern.compile("<strimzi-api.version>([^<]+)</strimzi-api.version>")
                .matcher(Files.readString(Repo.ROOT.resolve("pom.xml")));
        assertThat(chart.find()).isTrue();
        assertThat(pom.find()).isTrue();
        assertThat(chart.group(1)).isEqualTo(pom.group(1));
    }
}

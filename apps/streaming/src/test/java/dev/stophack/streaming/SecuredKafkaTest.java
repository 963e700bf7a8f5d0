package dev.stophack.streaming;

import static dev.stophack.streaming.support.Events.T0;
import static dev.stophack.streaming.support.Events.memory;
import static dev.stophack.streaming.support.Events.process;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.Topics;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.config.KafkaConnection;
import dev.stophack.embedded.kafka.EmbeddedKafka;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.settings.StreamSettings;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.testkit.ChildJvm;
import dev.stophack.testkit.TestSecrets;
import dev.stophack.testkit.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job against a broker that wants SCRAM-SHA-512 logins and an S3 with keys of its
 * own (one of each for every case): Spark's Kafka source, sinks and the admin client log in with
 * a directory config provider, as with a mounted Strimzi KafkaUser Secret; a wrong password
 * stops the job before any query with one line; no credential shows in help or output.
 */
class SecuredKafkaTest {
    static final String USER = "stream-job";
    static final String PASSWORD = "stream-job-pw";

    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder()
            .kafkaScram(Map.of(USER, PASSWORD, TestSecrets.KAFKA_USER, TestSecrets.KAFKA_PASSWORD))
            .s3().s3Keys(TestSecrets.ACCESS_KEY, TestSecrets.SECRET_KEY).build();
    static StreamRig rig;

    @TempDir
    Path tmp;

    /** Events, no model: scoring is not what this is about, and unscored events are persisted all the same. */
    @BeforeAll
    static void events() throws Exception {
        rig = new StreamRig(SERVICES);
        List<String> processEvents = new ArrayList<>();
        List<String> memoryEvents = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            processEvents.add(process(4, i, "p" + i, T0 + i, i % 2 == 0 ? 90 : 10));
            memoryEvents.add(memory(4, i, "p" + i, T0 + i + 5, i % 2 == 0 ? 9 : 1, "1K"));
        }
        rig.produce(Topics.PROCESS, "4", processEvents);
        rig.produce(Topics.MEMORY, "4", memoryEvents);
    }

    @Test
    void sourceSinksAndAdminLogInThroughADirectoryProvider() throws Exception {
        Path secret = Files.createDirectories(tmp.resolve("kafka-user"));
        Files.writeString(secret.resolve("sasl.jaas.config"), EmbeddedKafka.jaas(USER, PASSWORD));
        KafkaConnection kafka = KafkaConnection.of(SERVICES.bootstrapServers(), Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "${dir:" + secret + ":sasl.jaas.config}",
                "config.providers", "dir",
                "config.providers.dir.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider"));
        StreamSettings s = rig.settings("secured", true, Duration.ofSeconds(1));
        StreamSettings settings = new StreamSettings(kafka, s.outputRoot(), s.checkpointRoot(), s.trigger(), s.once(),
                s.startingOffsets(), s.maxOffsetsPerTrigger(), s.shufflePartitions(), s.modelPoll(), s.maxFuture());
        try (StreamJob job = new StreamJob(rig.spark, settings, rig.store, new StreamMetrics())) {
            job.run();
        }
        assertThat(rig.rows(S3Layout.events(EventKind.PROCESS))).as("read by the Kafka source").hasSize(20);
        assertThat(rig.readAll(PredictionFeedTopic.NAME, 1000)).as("heartbeats written by the Kafka sink").isNotEmpty();
    }

    @Test
    void aWrongPasswordStopsTheJobBeforeAnyQueryWithOneLine() throws Exception {
        Path config = TestServices.writeKafkaConfig(tmp.resolve("wrong.properties"), USER, "not-the-password");
        ChildJvm.Result r = ChildJvm.of(StreamCommand.class).env(TestSecrets.s3Environment())
                .run(Duration.ofMinutes(3), "--bootstrap", SERVICES.bootstrapServers(), "--kafka-config", config.toString(),
                        "--s3-endpoint", SERVICES.s3Endpoint(), "--once", "--metrics-port", "0", "--ui-port", "0",
                        "--output", ownOutput("wrong"), "--checkpoints", rig.settings("wrong", true, Duration.ofSeconds(1)).checkpointRoot());
        assertThat(r.code()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).as("no stack trace").doesNotContain("\tat ").doesNotContain("not-the-password");
        assertThat(r.output().strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo(
                "stream: authentication failed for user stream-job at " + SERVICES.bootstrapServers()
                        + " (SASL_PLAINTEXT, SCRAM-SHA-512): Authentication failed during authentication due to invalid"
                        + " credentials with SASL mechanism SCRAM-SHA-512");
    }

    @Test
    void noCredentialInHelpOrInTheOutputOfARun() throws Exception {
        ChildJvm child = ChildJvm.of(StreamCommand.class).env(TestSecrets.s3Environment())
                .env("STOPHACK_KAFKA_CONFIG", TestSecrets.kafkaConfig(tmp).toString())
                .env("STOPHACK_KAFKA_BOOTSTRAP", SERVICES.bootstrapServers())
                .env("STOPHACK_S3_ENDPOINT", SERVICES.s3Endpoint());
        ChildJvm.Result help = child.run(Duration.ofMinutes(1), "--help");
        assertThat(help.code()).isZero();
        assertThat(help.output()).contains("--kafka-config").contains("--secret-key");
        TestSecrets.assertNoneIn("stream --help", help.output());

        ChildJvm.Result run = child.jvmOption("-Dspark.logConf=true").run(Duration.ofMinutes(5), "--once",
                "--metrics-port", "0", "--ui-port", "0",
                "--output", ownOutput("leak-check"), "--checkpoints", rig.settings("leak-check", true, Duration.ofSeconds(1)).checkpointRoot());
        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output()).contains("streaming from");
        TestSecrets.assertNoneIn("a stream --once run", run.output());
    }

    /**
     * An output root of the run's own: the job refuses a checkpoint that is new to an output another
     * run has written, as it would skip that run's batch ids.
     */
    private static String ownOutput(String run) {
        return "s3a://" + rig.s3.bucket() + "/" + run;
    }

    /** The feed's topic name, from where the job defines it. */
    private static final class PredictionFeedTopic {
        static final String NAME = dev.stophack.streaming.attacks.PredictionFeed.TOPIC;
    }
}

package dev.stophack.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.console.CommandMain;
import dev.stophack.embedded.kafka.EmbeddedKafka;
import dev.stophack.testkit.ChildJvm;
import dev.stophack.testkit.TestSecrets;
import dev.stophack.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The producer against a broker that wants SCRAM-SHA-512 logins (one broker for every case):
 * the right login through a directory config provider, as a mounted Strimzi KafkaUser Secret;
 * a wrong one ends the run at once with one line; and no credential shows in help or output.
 */
class SecuredKafkaTest {
    static final String USER = "producer";
    static final String PASSWORD = "producer-pw";

    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder()
            .kafkaScram(Map.of(USER, PASSWORD, TestSecrets.KAFKA_USER, TestSecrets.KAFKA_PASSWORD))
            .s3().s3Keys(TestSecrets.ACCESS_KEY, TestSecrets.SECRET_KEY).build();

    @TempDir
    Path tmp;

    @Test
    void producesWithTheLoginOfAMountedUserSecret() throws Exception {
        Path secret = Files.createDirectories(tmp.resolve("kafka-user"));
        Files.writeString(secret.resolve("sasl.jaas.config"), EmbeddedKafka.jaas(USER, PASSWORD));
        Path config = TestServices.writeKafkaConfig(tmp.resolve("client.properties"), Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "${dir:" + secret + ":sasl.jaas.config}",
                "config.providers", "dir",
                "config.providers.dir.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider"));
        Path csv = StreamCsv.write(tmp.resolve("p.csv"), EventKind.PROCESS, List.of("4"), 20);
        int code = CommandMain.run(new ProduceCommand(), "process", "--csv", csv.toString(),
                "--bootstrap", SERVICES.bootstrapServers(), "--kafka-config", config.toString(), "--topic", "secured-process",
                "--rows", "5..5", "--interval", "100ms", "--cycles", "2", "--http-port", "0");
        assertThat(code).isZero();
        assertThat(SERVICES.read("secured-process", 10, Duration.ofSeconds(30))).hasSize(10);
    }

    @Test
    void aWrongPasswordStopsAtOnceWithOneLine() throws Exception {
        Path config = TestServices.writeKafkaConfig(tmp.resolve("wrong.properties"), USER, "not-the-password");
        Path csv = StreamCsv.write(tmp.resolve("p.csv"), EventKind.PROCESS, List.of("4"), 5);
        ChildJvm.Result r = ChildJvm.of(ProduceCommand.class).run(Duration.ofMinutes(2), "process", "--csv", csv.toString(),
                "--bootstrap", SERVICES.bootstrapServers(), "--kafka-config", config.toString(), "--http-port", "0");
        assertThat(r.code()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).as("no stack trace").doesNotContain("\tat ").doesNotContain("not-the-password");
        assertThat(r.output().strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo(
                "stophack produce: authentication failed for user producer at " + SERVICES.bootstrapServers()
                        + " (SASL_PLAINTEXT, SCRAM-SHA-512): Authentication failed during authentication due to invalid"
                        + " credentials with SASL mechanism SCRAM-SHA-512");
    }

    @Test
    void noCredentialInHelpOrInTheOutputOfARun() throws Exception {
        SERVICES.s3Client().putObject(b -> b.bucket(SERVICES.bucket()).key("streams/memory.csv"),
                RequestBody.fromString(StreamCsv.text(EventKind.MEMORY, List.of("4", "5"), 10, 1), StandardCharsets.UTF_8));
        ChildJvm child = ChildJvm.of(ProduceCommand.class).env(TestSecrets.s3Environment())
                .env("STOPHACK_KAFKA_CONFIG", TestSecrets.kafkaConfig(tmp).toString())
                .env("STOPHACK_KAFKA_BOOTSTRAP", SERVICES.bootstrapServers())
                .env("STOPHACK_S3_ENDPOINT", SERVICES.s3Endpoint());
        ChildJvm.Result help = child.run(Duration.ofMinutes(1), "--help");
        assertThat(help.code()).isZero();
        assertThat(help.output()).contains("--kafka-config");
        TestSecrets.assertNoneIn("produce --help", help.output());

        ChildJvm.Result run = child.run(Duration.ofMinutes(2), "memory", "--csv", "s3a://" + SERVICES.bucket() + "/streams/memory.csv",
                "--topic", "leak-check", "--interval", "100ms", "--cycles", "2", "--http-port", "0");
        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output()).contains("done:");
        TestSecrets.assertNoneIn("a produce run", run.output());
    }
}

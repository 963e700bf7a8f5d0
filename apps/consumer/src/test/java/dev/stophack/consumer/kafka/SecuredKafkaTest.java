package dev.stophack.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.consumer.ConsumeCommand;
import dev.stophack.consumer.testing.Await;
import dev.stophack.embedded.kafka.EmbeddedKafka;
import dev.stophack.testkit.ChildJvm;
import dev.stophack.testkit.TestSecrets;
import dev.stophack.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stophack consume} against a broker that wants SCRAM-SHA-512 logins (one broker for every
 * case), run as a process as in a pod: the right login through a directory config provider; a
 * wrong one ends the process with one line; no credential in its help or output.
 */
class SecuredKafkaTest {
    static final String USER = "consumer";
    static final String PASSWORD = "consumer-pw";

    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder()
            .kafkaScram(Map.of(USER, PASSWORD, TestSecrets.KAFKA_USER, TestSecrets.KAFKA_PASSWORD)).build();

    @TempDir
    Path tmp;

    @Test
    void countsWithTheLoginOfAMountedUserSecret() throws Exception {
        Path secret = Files.createDirectories(tmp.resolve("kafka-user"));
        Files.writeString(secret.resolve("sasl.jaas.config"), EmbeddedKafka.jaas(USER, PASSWORD));
        Path config = TestServices.writeKafkaConfig(tmp.resolve("client.properties"), Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "${dir:" + secret + ":sasl.jaas.config}",
                "config.providers", "dir",
                "config.providers.dir.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider"));
        String output = runUntil(ChildJvm.of(ConsumeCommand.class), "reading from offset",
                "--kafka-config", config.toString(), "--group", "secured-consume");
        assertThat(output).doesNotContain("authentication failed");
    }

    @Test
    void aWrongPasswordEndsTheProcessWithOneLine() throws Exception {
        Path config = TestServices.writeKafkaConfig(tmp.resolve("wrong.properties"), USER, "not-the-password");
        ChildJvm.Result r = ChildJvm.of(ConsumeCommand.class).run(Duration.ofMinutes(2), "--bootstrap", SERVICES.bootstrapServers(),
                "--kafka-config", config.toString(), "--http-port", "0", "--group", "wrong-login");
        assertThat(r.code()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).as("no stack trace").doesNotContain("\tat ").doesNotContain("not-the-password");
        assertThat(r.output().strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo(
                "stophack consume: authentication failed for user consumer at " + SERVICES.bootstrapServers()
                        + " (SASL_PLAINTEXT, SCRAM-SHA-512): Authentication failed during authentication due to invalid"
                        + " credentials with SASL mechanism SCRAM-SHA-512");
    }

    @Test
    void noCredentialInHelpOrInTheOutputOfARun() throws Exception {
        ChildJvm child = ChildJvm.of(ConsumeCommand.class).env(TestSecrets.s3Environment())
                .env("STOPHACK_KAFKA_CONFIG", TestSecrets.kafkaConfig(tmp).toString());
        ChildJvm.Result help = child.run(Duration.ofMinutes(1), "--help");
        assertThat(help.code()).isZero();
        assertThat(help.output()).contains("--kafka-config");
        TestSecrets.assertNoneIn("consume --help", help.output());
        String output = runUntil(child, "reading from offset", "--group", "leak-check");
        TestSecrets.assertNoneIn("a consume run", output);
    }

    /** Runs the consumer until its log says {@code expected} (a partition assigned: logged in), stops it like a pod (SIGTERM), returns its output. */
    private String runUntil(ChildJvm child, String expected, String... args) throws Exception {
        Path log = tmp.resolve("consume-" + System.nanoTime() + ".log");
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--bootstrap", SERVICES.bootstrapServers(), "--http-port", "0", "--log-every", "200ms"))
                .toArray(String[]::new);
        Process p = child.start(log, all);
        try {
            Await.until(expected, Duration.ofMinutes(2), () -> read(log).contains(expected) || !p.isAlive(), () -> read(log));
            assertThat(p.isAlive()).as(read(log)).isTrue();
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
        return read(log);
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

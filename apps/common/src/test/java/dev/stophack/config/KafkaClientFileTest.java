package dev.stophack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The Kafka client file: read once, checked, passed to every client; each mistake one line naming the file. */
class KafkaClientFileTest {
    private static final String DIR_PROVIDER = "org.apache.kafka.common.config.provider.DirectoryConfigProvider";

    @TempDir
    Path tmp;

    private Path file(String text) throws Exception {
        return Files.writeString(tmp.resolve("client.properties"), text);
    }

    @Test
    void aStrimziUserSecretMountedAsADirectory() throws Exception {
        Path f = file("""
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=${dir:/etc/stophack/kafka-user:sasl.jaas.config}
                config.providers=dir
                config.providers.dir.class=%s
                ssl.truststore.type=PEM
                ssl.truststore.location=/etc/stophack/kafka-ca/ca.crt
                """.formatted(DIR_PROVIDER));
        KafkaConnection kafka = KafkaConnection.of("kafka:9093", KafkaClientFile.read(f));
        assertThat(kafka.sparkOptions())
                .containsEntry("kafka.bootstrap.servers", "kafka:9093")
                .containsEntry("kafka.sasl.jaas.config", "${dir:/etc/stophack/kafka-user:sasl.jaas.config}")
                .containsEntry("kafka.config.providers.dir.class", DIR_PROVIDER)
                .containsEntry("kafka.ssl.truststore.type", "PEM");
        assertThat(kafka.clientProperties()).containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(kafka.describe()).isEqualTo("kafka:9093 (SASL_SSL, SCRAM-SHA-512)");
    }

    @Test
    void theFilesTuningWinsButNotWhereTheClientConnects() throws Exception {
        KafkaConnection kafka = KafkaConnection.of("b:9092", KafkaClientFile.read(file("linger.ms=50\n")));
        assertThat(kafka.overlay(Map.of("linger.ms", 5, "acks", "all")))
                .containsEntry("linger.ms", "50").containsEntry("acks", "all").containsEntry("bootstrap.servers", "b:9092");
    }

    @Test
    void aPasswordNeverShowsInTheDescription() throws Exception {
        KafkaConnection kafka = KafkaConnection.of("b:9092", KafkaClientFile.read(file(
                "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=x required username=\"u\" password=\"pw-123\";\n")));
        assertThat(kafka.toString()).isEqualTo("b:9092 (SASL_PLAINTEXT, PLAIN)").doesNotContain("pw-123");
    }

    @Test
    void aMissingFileIsOneLine() {
        Path missing = tmp.resolve("nope.properties");
        assertThatThrownBy(() -> KafkaClientFile.read(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--kafka-config " + missing + ": no such file");
        assertThatThrownBy(() -> KafkaClientFile.read(tmp)).hasMessage("--kafka-config " + tmp + ": is a directory, not a properties file");
    }

    @Test
    void anUnreadableFileIsOneLine() throws Exception {
        Path f = file("security.protocol=SSL\n");
        if (!f.toFile().setReadable(false) || Files.isReadable(f)) {
            return; // running as root: every file is readable, nothing to check
        }
        assertThatThrownBy(() -> KafkaClientFile.read(f)).hasMessage("--kafka-config " + f + ": permission denied");
    }

    @Test
    void settingsStophackOwnsAreRefused() throws Exception {
        Path f = file("bootstrap.servers=elsewhere:9092\n");
        assertThatThrownBy(() -> KafkaClientFile.read(f))
                .hasMessage("--kafka-config " + f + ": bootstrap.servers is set by stophack (use --bootstrap or STOPHACK_KAFKA_BOOTSTRAP)");
        Path g = file("value.deserializer=x.Y\n");
        assertThatThrownBy(() -> KafkaClientFile.read(g)).hasMessageContaining("value.deserializer is set by stophack");
    }

    @Test
    void aReferenceToAnUndeclaredProviderIsRefused() throws Exception {
        Path f = file("sasl.jaas.config=${dir:/etc/u:sasl.jaas.config}\n");
        assertThatThrownBy(() -> KafkaClientFile.read(f))
                .hasMessageContaining("sasl.jaas.config refers to config provider 'dir', which config.providers does not declare");
        Path g = file("config.providers=dir\n");
        assertThatThrownBy(() -> KafkaClientFile.read(g)).hasMessageContaining("has no config.providers.dir.class");
    }

    @Test
    void theJvmsAllowListOfConfigProvidersIsHonoured() {
        Map<String, String> settings = Map.of("config.providers", "dir", "config.providers.dir.class", DIR_PROVIDER);
        KafkaClientFile.check(settings, "f", null); // not set: Kafka 3.x allows every provider
        KafkaClientFile.check(settings, "f", "org.example.Other, " + DIR_PROVIDER);
        assertThatThrownBy(() -> KafkaClientFile.check(settings, "f", "none"))
                .hasMessageContaining("config provider " + DIR_PROVIDER + " is not allowed by -D"
                        + KafkaClientFile.AUTOMATIC_CONFIG_PROVIDERS + "=none");
    }

    @Test
    void withoutFileOrVariableClientsSpeakPlaintext() {
        KafkaOptions options = new KafkaOptions();
        new CommandLine(options).parseArgs("--bootstrap", "b:1");
        assertThat(options.config).as("STOPHACK_KAFKA_CONFIG is not set in tests").isNull();
        assertThat(options.connection()).isEqualTo(KafkaConnection.plaintext("b:1"));
    }
}

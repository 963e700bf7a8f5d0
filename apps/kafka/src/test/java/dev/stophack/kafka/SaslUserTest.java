package dev.stophack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.config.KafkaConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user name in messages is the one Kafka logs in with, config providers resolved; never the password. */
class SaslUserTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheUserThroughADirectoryProviderLikeAMountedKafkaUserSecret() throws Exception {
        Path secret = Files.createDirectories(tmp.resolve("kafka-user"));
        Files.writeString(secret.resolve("sasl.jaas.config"),
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"stream-job\" password=\"pw-1\";");
        KafkaConnection kafka = KafkaConnection.of("127.0.0.1:9", Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "${dir:" + secret + ":sasl.jaas.config}",
                "config.providers", "dir",
                "config.providers.dir.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider"));
        assertThat(SaslUser.of(kafka)).contains("stream-job");
    }

    @Test
    void quotedAndUnquotedNames() {
        assertThat(SaslUser.username("x required username=\"a \\\"b\\\"\" password=\"p\";")).contains("a \"b\"");
        assertThat(SaslUser.username("x required username=plain password=p;")).contains("plain");
        assertThat(SaslUser.username("x required password=p;")).isEmpty();
    }

    @Test
    void noSaslNoUser() {
        assertThat(SaslUser.of(KafkaConnection.plaintext("h:1"))).isEmpty();
    }
}

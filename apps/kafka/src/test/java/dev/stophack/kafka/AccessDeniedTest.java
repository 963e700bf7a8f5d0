package dev.stophack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.config.KafkaConnection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** A refusal by Kafka, wherever it sits in the causes, becomes one line naming user and broker; nothing else does. */
class AccessDeniedTest {
    private static final KafkaConnection SCRAM = KafkaConnection.of("127.0.0.1:19092", Map.of(
            "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" password=\"pw-9\";"));

    @Test
    void anAuthenticationFailureNamesUserAndBroker() {
        Throwable wrapped = new ExecutionException(new KafkaException("outer",
                new SaslAuthenticationException("Authentication failed during authentication due to invalid credentials")));
        assertThat(AccessDenied.in(SCRAM, wrapped)).get().extracting(Throwable::getMessage).isEqualTo(
                "authentication failed for user alice at 127.0.0.1:19092 (SASL_PLAINTEXT, SCRAM-SHA-512): "
                        + "Authentication failed during authentication due to invalid credentials");
        assertThat(AccessDenied.in(SCRAM, wrapped).orElseThrow()).hasNoCause();
        assertThat(AccessDenied.in(SCRAM, wrapped).orElseThrow().getMessage()).doesNotContain("pw-9");
    }

    @Test
    void anAuthorizationFailureToo() {
        assertThat(AccessDenied.in(SCRAM, new TopicAuthorizationException("Not authorized to access topics: [process]")))
                .get().extracting(Throwable::getMessage)
                .isEqualTo("user alice is not authorized at 127.0.0.1:19092 (SASL_PLAINTEXT, SCRAM-SHA-512): "
                        + "Not authorized to access topics: [process]");
    }

    @Test
    void otherFailuresAreNotRefusals() {
        assertThat(AccessDenied.in(SCRAM, new TimeoutException("no broker"))).isEmpty();
        AccessDenied.rethrow(SCRAM, new IllegalStateException("x")); // returns
    }
}

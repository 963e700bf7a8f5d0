package dev.stophack.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Credentials that a test hands to a command (environment, Kafka client file) and then looks for
 * in everything the command printed: none may appear there. Distinctive strings, so that a hit
 * is a leak and not a coincidence.
 */
public final class TestSecrets {
    public static final String ACCESS_KEY = "AKIALEAKCHECK7Q2Z";
    public static final String SECRET_KEY = "leak-check-s3-secret-4f9a1c";
    public static final String KAFKA_USER = "leak-check-user";
    public static final String KAFKA_PASSWORD = "leak-check-kafka-password-71c2e";

    private TestSecrets() {
    }

    /** The S3 keys as the environment variables every command reads. */
    public static Map<String, String> s3Environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        return env;
    }

    /**
     * A Kafka client file with the SCRAM password written inline (the harder case than a config
     * provider: the secret itself travels through the settings).
     */
    public static Path kafkaConfig(Path dir) throws IOException {
        return TestServices.writeKafkaConfig(dir.resolve("kafka-client.properties"), KAFKA_USER, KAFKA_PASSWORD);
    }

    /** Every secret, for a broker's users or an assertion. */
    public static List<String> all() {
        return List.of(ACCESS_KEY, SECRET_KEY, KAFKA_PASSWORD);
    }

    /** Fails naming the secret and the line it appears in. */
    public static void assertNoneIn(String what, String text) {
        for (String secret : all()) {
            int at = text.indexOf(secret);
            if (at >= 0) {
                int start = text.lastIndexOf('\n', at) + 1;
                int end = text.indexOf('\n', at);
                assertFalse(true, what + " shows a secret: " + text.substring(start, end < 0 ? text.length() : end));
            }
        }
    }
}

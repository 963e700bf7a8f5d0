package dev.stophack.kafka;

import dev.stophack.config.KafkaConnection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;

/**
 * The user name a client logs in with, for messages: read from {@code sasl.jaas.config} after
 * Kafka itself has resolved its config providers ({@code ${dir:...}} of a mounted KafkaUser
 * Secret), so the name is the one the broker sees. Never the password.
 */
public final class SaslUser {
    private static final Pattern USERNAME = Pattern.compile("\\busername\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s;\"]+))");

    private SaslUser() {
    }

    /** The {@code username} of the JAAS line, if there is a SASL login and it names one. */
    public static Optional<String> of(KafkaConnection kafka) {
        if (kafka.saslMechanism() == null) {
            return Optional.empty();
        }
        try {
            // the config class resolves config providers in its constructor, and logs nothing
            Password jaas = new AdminClientConfig(kafka.clientProperties()).getPassword(SaslConfigs.SASL_JAAS_CONFIG);
            return jaas == null ? Optional.empty() : username(jaas.value());
        } catch (RuntimeException e) {
            return Optional.empty(); // a bad setting: the client's own error says what
        }
    }

    static Optional<String> username(String jaas) {
        Matcher m = USERNAME.matcher(jaas);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2));
    }
}

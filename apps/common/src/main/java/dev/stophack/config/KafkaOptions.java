package dev.stophack.config;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The Kafka connection options, mixed into every command that talks to Kafka (and meant for any
 * other app that does): where the brokers are, and a properties file of client settings for a
 * secured cluster, read once and checked ({@link KafkaClientFile}).
 */
public final class KafkaOptions {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", defaultValue = Defaults.KAFKA_BOOTSTRAP,
            description = "Kafka bootstrap servers (env STOPHACK_KAFKA_BOOTSTRAP; default: ${DEFAULT-VALUE}).")
    public String bootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = Defaults.KAFKA_CONFIG,
            description = "Kafka client settings for every Kafka client of this command, as a properties file:"
                    + " security.protocol, sasl.mechanism, sasl.jaas.config, ssl.truststore.*, config.providers ..."
                    + " (env STOPHACK_KAFKA_CONFIG; default: none, PLAINTEXT).")
    public Path config;

    private transient KafkaConnection connection;

    /** The bootstrap servers and the file's settings; the file is read and checked on the first call. */
    public synchronized KafkaConnection connection() {
        if (connection == null) {
            connection = KafkaConnection.of(bootstrap, clientProperties());
        }
        return connection;
    }

    /** The file's client settings, checked; empty without a file. */
    public Map<String, String> clientProperties() {
        return config == null ? Map.of() : KafkaClientFile.read(config);
    }
}

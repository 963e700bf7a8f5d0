package dev.stophack.config;

import picocli.CommandLine.Option;

/** The Kafka connection options, mixed into every command that talks to Kafka. */
public final class KafkaOptions {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", defaultValue = Defaults.KAFKA_BOOTSTRAP,
            description = "Kafka bootstrap servers (env STOPHACK_KAFKA_BOOTSTRAP; default: ${DEFAULT-VALUE}).")
    public String bootstrap;
}

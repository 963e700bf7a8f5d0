package dev.stophack.embedded;

import dev.stophack.api.kafka.Topics;
import dev.stophack.console.CommandMain;
import dev.stophack.embedded.kafka.EmbeddedKafka;
import dev.stophack.embedded.kafka.ScramUsersFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stophack kafka}: the laptop's Kafka broker, in the foreground until Ctrl-C. */
@Command(name = "stophack kafka",
        description = "Runs a single-node Kafka broker (KRaft) on 127.0.0.1 with stophack's topics.",
        mixinStandardHelpOptions = true)
public final class KafkaCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "9092", paramLabel = "PORT",
            description = "Port on 127.0.0.1, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", defaultValue = "data/kafka", paramLabel = "DIR",
            description = "Log directory, kept across runs (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--scram-users", paramLabel = "FILE", defaultValue = "${env:STOPHACK_KAFKA_SCRAM_USERS}",
            description = {"Secure the port: SASL_PLAINTEXT with SCRAM-SHA-512 for the users of FILE, a properties",
                "file of user=password lines (env STOPHACK_KAFKA_SCRAM_USERS; default: none, PLAINTEXT).",
                "Clients then need --kafka-config with security.protocol=SASL_PLAINTEXT,",
                "sasl.mechanism=SCRAM-SHA-512 and a ScramLoginModule sasl.jaas.config."})
    Path scramUsers;

    @Override
    public Integer call() throws Exception {
        EmbeddedKafka kafka = new EmbeddedKafka(port, data);
        if (scramUsers != null) {
            kafka.withScramUsers(ScramUsersFile.read(scramUsers));
        }
        kafka.start();
        System.out.printf("kafka listening on %s (data: %s, topics: %s)%n",
                kafka.describe(), kafka.dataDir(), String.join(", ", Topics.ALL));
        if (kafka.secured()) {
            System.out.printf("kafka users (%s): %s%n", EmbeddedKafka.SCRAM_MECHANISM,
                    String.join(", ", new java.util.TreeSet<>(kafka.scramUserNames())));
        }
        System.out.flush();
        return Foreground.runUntilStopped(kafka);
    }

    public static void main(String[] args) {
        System.exit(CommandMain.run(new KafkaCommand(), args));
    }
}

package dev.stophack.embedded;

import dev.stophack.api.kafka.Topics;
import dev.stophack.console.CommandMain;
import dev.stophack.embedded.kafka.EmbeddedKafka;
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

    @Override
    public Integer call() throws Exception {
        EmbeddedKafka kafka = new EmbeddedKafka(port, data).start();
        System.out.printf("kafka listening on %s (data: %s, topics: %s)%n",
                kafka.bootstrapServers(), kafka.dataDir(), String.join(", ", Topics.ALL));
        System.out.flush();
        return Foreground.runUntilStopped(kafka);
    }

    public static void main(String[] args) {
        System.exit(CommandMain.run(new KafkaCommand(), args));
    }
}

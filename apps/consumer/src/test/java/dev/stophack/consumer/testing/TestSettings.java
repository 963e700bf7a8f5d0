package dev.stophack.consumer.testing;

import dev.stophack.config.KafkaConnection;
import dev.stophack.consumer.ConsumerApp;
import java.time.Duration;

/** The consumer's defaults, on a free port of 127.0.0.1, for tests that start it in-process. */
public final class TestSettings {
    private TestSettings() {
    }

    public static ConsumerApp.Settings local(String bootstrap, String group) {
        return local(bootstrap, group, 200);
    }

    public static ConsumerApp.Settings local(String bootstrap, String group, int maxMachines) {
        return new ConsumerApp.Settings(KafkaConnection.plaintext(bootstrap), group, Duration.ofMinutes(2), Duration.ofMinutes(10), "127.0.0.1", 0,
                Duration.ofSeconds(1), Duration.ofSeconds(30), maxMachines);
    }
}

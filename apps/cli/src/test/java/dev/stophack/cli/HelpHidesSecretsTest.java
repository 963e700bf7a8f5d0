package dev.stophack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.testkit.ChildJvm;
import dev.stophack.testkit.TestSecrets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cli's commands print no credential of their environment in their help. */
class HelpHidesSecretsTest {
    @TempDir
    Path tmp;

    @Test
    void demoAndGenerateHelp() throws Exception {
        for (Class<?> command : new Class<?>[] {DemoCommand.class, GenerateCommand.class}) {
            ChildJvm.Result r = ChildJvm.of(command).env(TestSecrets.s3Environment())
                    .env("STOPHACK_KAFKA_CONFIG", TestSecrets.kafkaConfig(tmp).toString())
                    .run(Duration.ofMinutes(1), "--help");
            assertThat(r.code()).as(r.output()).isZero();
            assertThat(r.output()).contains("Usage:");
            TestSecrets.assertNoneIn(command.getSimpleName() + " --help", r.output());
        }
    }
}

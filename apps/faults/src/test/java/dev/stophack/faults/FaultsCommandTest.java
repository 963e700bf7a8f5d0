package dev.stophack.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.console.CommandMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The runner's command line: the scenarios it lists and those it refuses. */
class FaultsCommandTest {
    static final Path HOME = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void listsEveryScenario() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FaultsCommand command = new FaultsCommand(HOME, new ClasspathLauncher(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(CommandMain.run(command, "--list")).isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("kill-stream", "s3-down", "kill-broker", "malformed",
                "bad-model", "kill-rollout").doesNotContain("not yet");
    }

    @Test
    void refusesAnUnknownScenario() {
        assertThat(CommandMain.run(new FaultsCommand(HOME, new ClasspathLauncher(), System.out), "--scenario", "nope"))
                .isEqualTo(CommandMain.USAGE);
    }

    @Test
    void refusesAnS3OutageThatIsNotADuration() {
        for (String bad : new String[] {"60", "0s", "1h", "-5s", "soon"}) {
            assertThat(CommandMain.run(new FaultsCommand(HOME, new ClasspathLauncher(), System.out), "--s3-outage", bad,
                    "--scenario", "s3-down")).as(bad).isEqualTo(CommandMain.USAGE);
        }
    }
}

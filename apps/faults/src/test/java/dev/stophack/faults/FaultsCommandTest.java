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
    void listsEveryScenarioAndWhichAreNotBuiltYet() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FaultsCommand command = new FaultsCommand(HOME, new ClasspathLauncher(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(CommandMain.run(command, "--list")).isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("kill-stream", "s3-down", "kill-broker", "malformed")
                .contains("bad-model      (not yet)", "kill-rollout   (not yet)");
    }

    @Test
    void refusesAScenarioNotBuiltOrUnknown() {
        FaultsCommand command = new FaultsCommand(HOME, new ClasspathLauncher(), System.out);
        assertThat(CommandMain.run(command, "--scenario", "bad-model")).isEqualTo(CommandMain.USAGE);
        assertThat(CommandMain.run(new FaultsCommand(HOME, new ClasspathLauncher(), System.out), "--scenario", "nope"))
                .isEqualTo(CommandMain.USAGE);
    }
}

package dev.stophack.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.console.CommandMain;
import dev.stophack.faults.census.Tally;
import dev.stophack.faults.scenario.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner against real parts (broker, S3 and streaming job as their own processes): a short
 * kill scenario counts every event once and its windows and joins equal to the run without kills.
 * Six minutes and more on two cores, mostly JVM starts: it runs with {@code -Pfaults}, not in the
 * default build, where the streaming module's KillAndRestartTest holds the same property.
 */
class KillStreamScenarioTest {
    static final Path HOME = FaultsCommandTest.HOME;

    @Test
    void killedJobsLoseAndDuplicateNothing(@TempDir Path data) {
        FaultsCommand command = new FaultsCommand(HOME, new ClasspathLauncher(), System.out);
        int code = CommandMain.run(command, "--quick", "--scenario", "kill-stream", "--rows", "1000", "--kills", "1",
                "--data", data.toString());

        assertThat(command.outcomes()).hasSize(1);
        Outcome outcome = command.outcomes().get(0);
        assertThat(outcome.failures()).isEmpty();
        Tally tally = outcome.tally();
        assertThat(tally.produced()).as("both kinds and the two flush events").isEqualTo(2 * 1000 + 2);
        assertThat(tally.persisted()).isEqualTo(tally.produced());
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicated()).isZero();
        assertThat(outcome.notes()).anyMatch(n -> n.startsWith("attacks/potential: ") && !n.startsWith("attacks/potential: 0 "));
        assertThat(code).isZero();
    }
}

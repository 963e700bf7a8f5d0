package dev.stophack.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.console.CommandMain;
import dev.stophack.faults.scenario.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two model-store scenarios against real parts, side by side: a model failing on blanks is
 * refused by the gate and by the job, and the job goes on after the rollback, every event once;
 * the rollout loop killed at both points of a promotion promotes each version once. Minutes on
 * two cores (two of them the registry's wait for an abandoned claim): with {@code -Pfaults} only.
 */
class RolloutScenariosTest {
    @Test
    void badModelIsRefusedAndAKilledRolloutPromotesOnce(@TempDir Path data) {
        FaultsCommand command = new FaultsCommand(FaultsCommandTest.HOME, new ClasspathLauncher(), System.out);
        int code = CommandMain.run(command, "--quick", "--scenario", "bad-model", "--scenario", "kill-rollout", "--rows",
                "1000", "--data", data.toString());

        assertThat(command.outcomes()).extracting(Outcome::scenario).containsExactly("bad-model", "kill-rollout");
        Outcome bad = command.outcomes().get(0);
        assertThat(bad.failures()).isEmpty();
        assertThat(bad.tally().produced()).as("both kinds and the two flush events").isEqualTo(2 * 1000 + 2);
        assertThat(bad.tally().persisted()).isEqualTo(bad.tally().produced());
        assertThat(bad.tally().lost()).isZero();
        assertThat(bad.tally().duplicated()).isZero();
        assertThat(bad.notes()).anyMatch(n -> n.contains("#2 Rejected v2") && n.contains("#4 RolledBack v1"));

        Outcome rollout = command.outcomes().get(1);
        assertThat(rollout.failures()).isEmpty();
        assertThat(rollout.notes()).anyMatch(n -> n.startsWith("claimed: v2 promoted 1 time(s), ACTIVE v2"))
                .anyMatch(n -> n.startsWith("written: v3 promoted 1 time(s), ACTIVE v3"));
        assertThat(code).isZero();
    }
}

package dev.stophack.streaming.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayRuleTest {
    static final int BOUND = ReplayRule.FAILED_ATTEMPTS;

    @Test
    void aReplayKeepsItsRecordedVersionWhileThatIsStillCurrent() {
        assertThat(ReplayRule.replaces(2, 100, 2, () -> false)).as("the active version fails: nothing to switch to").isFalse();
    }

    @Test
    void aRetiredVersionKeepsItsBatchUntilTheBoundOfFailedAttempts() {
        assertThat(ReplayRule.replaces(3, 1, 1, () -> false)).as("killed once and restarted: same version").isFalse();
        assertThat(ReplayRule.replaces(3, BOUND - 1, 1, () -> false)).isFalse();
        assertThat(ReplayRule.replaces(3, BOUND, 1, () -> false)).as("rolled back and still failing").isTrue();
        assertThat(ReplayRule.replaces(3, BOUND + 20, 4, () -> false)).as("a forward fix is taken too").isTrue();
    }

    @Test
    void eventsAlreadyCommittedKeepTheVersionThatScoredThem() {
        assertThat(ReplayRule.replaces(3, BOUND, 1, () -> true)).isFalse();
    }

    @Test
    void withoutAModelOnEitherSideThereIsNothingToReplace() {
        assertThat(ReplayRule.replaces(null, BOUND, 1, () -> false)).as("an unscored batch did not fail on a model").isFalse();
        assertThat(ReplayRule.replaces(3, BOUND, null, () -> false)).as("nothing current to replay with").isFalse();
    }

    @Test
    void theOutputLogIsReadOnlyWhenTheRestWouldReplace() {
        assertThat(ReplayRule.replaces(3, 1, 1, () -> {
            throw new AssertionError("read the output log for a batch that keeps its version");
        })).isFalse();
    }
}

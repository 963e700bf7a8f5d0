package dev.stophack.streaming.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.ActivePointer;
import dev.stophack.streaming.scoring.SwapPolicy.Action;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SwapPolicyTest {
    static final Instant NOW = Instant.parse("2024-03-01T10:00:00Z");
    final SwapPolicy policy = new SwapPolicy(Duration.ofMinutes(2));
    final LoadedModel v1 = new LoadedModel(EventKind.PROCESS, 1, "s3a://b/models/process/v1/model", null);

    static ActivePointer pointer(int version) {
        return new ActivePointer(version, "s3a://b/models/process/v" + version + "/model", NOW, "test");
    }

    @Test
    void keepsTheModelWhileThePointerNamesIt() {
        assertThat(policy.decide(v1, pointer(1), null, NOW)).isEqualTo(Action.KEEP);
        assertThat(policy.decide(v1, null, null, NOW)).as("no pointer: keep what scores now").isEqualTo(Action.KEEP);
        assertThat(policy.decide(null, null, null, NOW)).isEqualTo(Action.KEEP);
    }

    @Test
    void loadsANewPointerOrTheFirstOne() {
        assertThat(policy.decide(v1, pointer(2), null, NOW)).isEqualTo(Action.LOAD);
        assertThat(policy.decide(v1, pointer(0), null, NOW)).as("a rollback is a change too").isEqualTo(Action.LOAD);
        assertThat(policy.decide(null, pointer(1), null, NOW)).isEqualTo(Action.LOAD);
    }

    @Test
    void aRefusedPointerIsRetriedOnlyAfterTheRetryPeriod() {
        ActivePointer bad = pointer(9);
        Refusal refused = new Refusal(9, bad.uri(), NOW, "no such model");
        assertThat(policy.decide(v1, bad, refused, NOW.plusSeconds(119))).isEqualTo(Action.WAIT);
        assertThat(policy.decide(v1, bad, refused, NOW.plusSeconds(120))).isEqualTo(Action.LOAD);
        assertThat(policy.decide(v1, pointer(3), refused, NOW.plusSeconds(1)))
                .as("another pointer is loaded at once").isEqualTo(Action.LOAD);
    }
}

package dev.stophack.faults.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stophack.api.rollout.HistoryEntry.Action;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Counting decisions from a HISTORY.jsonl as the registry writes it. */
class RolloutHistoryTest {
    private static RolloutHistory of(String... lines) {
        return RolloutHistory.parse((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String line(long generation, String action, int version, Integer from, Integer to) {
        return "{\"generation\":" + generation + ",\"at\":\"2026-11-30T20:00:00Z\",\"model\":\"process\",\"action\":\""
                + action + "\",\"version\":" + version + ",\"from\":" + from + ",\"to\":" + to
                + ",\"reason\":\"r\",\"evidence\":{\"f1\":0.9},\"by\":\"stophack rollout watch\"}";
    }

    @Test
    void countsEachActionPerVersion() {
        RolloutHistory h = of(line(1, "Promoted", 1, null, 1), line(2, "Rejected", 2, 1, 1), line(3, "Promoted", 2, 1, 2),
                line(4, "RolledBack", 1, 2, 1));
        assertThat(h.count(Action.Promoted, 1)).isEqualTo(1);
        assertThat(h.count(Action.Promoted, 2)).isEqualTo(1);
        assertThat(h.count(Action.Rejected, 2)).isEqualTo(1);
        assertThat(h.count(Action.RolledBack, 1)).isEqualTo(1);
        assertThat(h.count(Action.Promoted, 3)).isZero();
        assertThat(h.lastActive()).isEqualTo(1);
        assertThat(h.numberingFault()).isNull();
        assertThat(h.describe()).containsExactly("#1 Promoted v1 (active - -> v1, by stophack rollout watch)",
                "#2 Rejected v2 (active v1 -> v1, by stophack rollout watch)",
                "#3 Promoted v2 (active v1 -> v2, by stophack rollout watch)",
                "#4 RolledBack v1 (active v2 -> v1, by stophack rollout watch)");
    }

    @Test
    void aPromotionWrittenTwiceCountsTwiceAndBreaksTheNumbering() {
        RolloutHistory h = of(line(1, "Promoted", 1, null, 1), line(2, "Promoted", 2, 1, 2), line(2, "Promoted", 2, 1, 2));
        assertThat(h.count(Action.Promoted, 2)).isEqualTo(2);
        assertThat(h.numberingFault()).isEqualTo("decision 3 of HISTORY.jsonl is numbered 2");
    }

    @Test
    void aMissingDecisionBreaksTheNumbering() {
        assertThat(of(line(1, "Promoted", 1, null, 1), line(3, "Promoted", 2, 1, 2)).numberingFault())
                .isEqualTo("decision 2 of HISTORY.jsonl is numbered 3");
    }

    @Test
    void anEmptyHistoryHasNoActiveVersion() {
        RolloutHistory h = RolloutHistory.parse(new byte[0]);
        assertThat(h.entries()).isEmpty();
        assertThat(h.lastActive()).isNull();
        assertThat(h.numberingFault()).isNull();
    }

    @Test
    void aLineThatIsNotADecisionIsNamed() {
        assertThatThrownBy(() -> of(line(1, "Promoted", 1, null, 1), "{\"generation\": oops"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line 2 of HISTORY.jsonl is not a decision");
    }
}

package dev.stophack.streaming.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CatchUpProgressTest {
    @Test
    void theTargetIsTheLastEventTimeLessTheDelay() {
        assertThat(CatchUpProgress.target(1_709_290_800L, 20_000)).isEqualTo(1_709_290_780_000L);
    }

    @Test
    void caughtUpWhenTheLastQueryCommitsABatchAtTheTarget() {
        CatchUpProgress p = new CatchUpProgress(10_000, List.of("windows", "join"));
        p.batch("ingest", 50_000L, 0, 1); // not a query that is waited for
        p.batch("windows", null, 3, 2);   // before the first watermark
        p.batch("windows", 9_999L, 7, 3);
        assertThat(p.done()).isFalse();
        p.batch("windows", 10_000L, 5, 4);
        p.batch("join", 12_000L, 40, 6);
        p.batch("windows", 12_000L, 2, 9); // a later batch does not move the time it was reached
        assertThat(p.done()).isTrue();
        assertThat(p.reachedAt("windows")).isEqualTo(OptionalLong.of(4));
        assertThat(p.allReachedAt()).isEqualTo(OptionalLong.of(6));
        assertThat(p.maxStateRows("windows")).isEqualTo(7);
    }

    @Test
    void notCaughtUpWhileOneQueryLagsBehind() {
        CatchUpProgress p = new CatchUpProgress(10_000, List.of("windows", "join"));
        p.batch("windows", 10_000L, 0, 4);
        assertThat(p.done()).isFalse();
        assertThat(p.allReachedAt()).isEqualTo(OptionalLong.empty());
        assertThat(p.reachedAt("join")).isEqualTo(OptionalLong.empty());
    }
}

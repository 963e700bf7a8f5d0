package dev.stophack.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
    private final RestartBackoff backoff = new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(1));

    @Test
    void doublesWhileFailuresFollowEachOtherUpToTheMaximum() {
        long[] waits = new long[7];
        for (int i = 0; i < waits.length; i++) {
            waits[i] = backoff.afterFailure(100);
        }
        assertThat(waits).containsExactly(1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000);
    }

    @Test
    void startsOverAfterAnAttemptThatRanHealthyForAMinute() {
        backoff.afterFailure(0);
        backoff.afterFailure(0);
        assertThat(backoff.afterFailure(59_999)).isEqualTo(4_000);
        assertThat(backoff.afterFailure(60_000)).isEqualTo(1_000);
        assertThat(backoff.afterFailure(10)).isEqualTo(2_000);
    }
}

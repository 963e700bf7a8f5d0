package dev.stophack.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The drain's limit, on a clock the test moves. */
class PatienceTest {
    private final AtomicLong clock = new AtomicLong(1_000);
    private final Patience patience = new Patience(Duration.ofMinutes(3), clock::get);

    private void minutes(long m) {
        clock.addAndGet(Duration.ofMinutes(m).toNanos());
    }

    @Test
    void aJobThatKeepsMovingIsWaitedForBeyondTheLimit() {
        assertThat(patience.exhausted(null)).isFalse();
        minutes(2);
        assertThat(patience.exhausted("batch 1")).isFalse();
        minutes(2);
        assertThat(patience.exhausted("batch 2")).as("four minutes in, but it moved").isFalse();
        minutes(2);
        assertThat(patience.exhausted("batch 2")).as("two minutes without moving").isFalse();
        minutes(2);
        assertThat(patience.exhausted("batch 2")).as("four minutes without moving").isTrue();
    }

    @Test
    void aJobThatNeverStartsIsGivenUpOnAfterTheLimit() {
        assertThat(patience.exhausted(null)).isFalse();
        minutes(3);
        assertThat(patience.exhausted(null)).as("exactly the limit").isFalse();
        clock.incrementAndGet();
        assertThat(patience.exhausted(null)).isTrue();
    }
}

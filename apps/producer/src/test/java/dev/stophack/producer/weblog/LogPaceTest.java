package dev.stophack.producer.weblog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stophack.accesslog.LogTime;
import org.junit.jupiter.api.Test;

class LogPaceTest {
    @Test
    void aLineIsDueItsDistanceFromTheFirstDividedByTheSpeed() {
        LogPace pace = new LogPace(60);
        assertThat(pace.dueNanos(1_000)).isZero();
        assertThat(pace.dueNanos(1_060)).as("a minute of log at x60: one second").isEqualTo(1_000_000_000L);
        assertThat(pace.dueNanos(1_090)).isEqualTo(1_500_000_000L);
    }

    @Test
    void linesOlderThanOneBeforeOrWithoutATimeGoWithTheLatest() {
        LogPace pace = new LogPace(1);
        pace.dueNanos(LogTime.INVALID);
        assertThat(pace.dueNanos(LogTime.INVALID)).as("nothing readable yet: at once").isZero();
        assertThat(pace.dueNanos(100)).isZero();
        assertThat(pace.dueNanos(105)).isEqualTo(5_000_000_000L);
        assertThat(pace.dueNanos(101)).as("older: no waiting backwards").isEqualTo(5_000_000_000L);
        assertThat(pace.dueNanos(LogTime.INVALID)).isEqualTo(5_000_000_000L);
    }

    @Test
    void aSpeedMustBePositive() {
        assertThatThrownBy(() -> new LogPace(0)).hasMessageContaining("--speed");
        assertThatThrownBy(() -> new LogPace(Double.NaN)).hasMessageContaining("--speed");
    }
}

package dev.stophack.producer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacerTest {
    @Test
    void waitsUntilEachEventIsDue() {
        Pacer pacer = new Pacer(1000); // one event per millisecond
        assertThat(pacer.waitNanos(500, 200_000_000L)).as("500 events due at 0.5 s, now 0.2 s").isEqualTo(300_000_000L);
        assertThat(pacer.waitNanos(500, 600_000_000L)).as("behind: no wait").isZero();
    }

    @Test
    void checksAboutEveryMillisecond() {
        assertThat(new Pacer(5).stride()).isEqualTo(1);
        assertThat(new Pacer(200_000).stride()).isEqualTo(200);
        assertThat(new Pacer(1e9).stride()).isEqualTo(1024);
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> new Pacer(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Pacer(Double.NaN)).hasMessageContaining("positive");
    }
}

package dev.stophack.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The fault scenarios' pause points: named in the environment, or none. */
class FaultPauseTest {
    @Test
    void unsetOrBlankMeansNoPause() {
        assertThat(FaultPause.parse(null)).isEmpty();
        assertThat(FaultPause.parse(" ")).isEmpty();
    }

    @Test
    void namesEitherPointInAnyCase() {
        assertThat(FaultPause.parse("claimed")).contains(FaultPause.CLAIMED);
        assertThat(FaultPause.parse("WRITTEN")).contains(FaultPause.WRITTEN);
    }

    @Test
    void anUnknownPointIsAClearError() {
        assertThatThrownBy(() -> FaultPause.parse("later")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STOPHACK_FAULT_PAUSE=later").hasMessageContaining("claimed or written");
    }

    @Test
    void theLineNamesTheDecision() {
        assertThat(FaultPause.CLAIMED.line("process", 3))
                .isEqualTo("stophack: fault pause: process decision 3 claimed, waiting to be killed");
    }
}

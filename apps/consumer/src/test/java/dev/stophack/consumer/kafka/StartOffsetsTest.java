package dev.stophack.consumer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartOffsetsTest {
    @Test
    void continuesWhereThisRunLeftOffElseReadsBackTheLookBackElseStartsAtTheEnd() {
        assertThat(StartOffsets.choose(120L, 80L, 200)).as("given back after a rebalance").isEqualTo(120);
        assertThat(StartOffsets.choose(null, 80L, 200)).as("fresh start or restart").isEqualTo(80);
        assertThat(StartOffsets.choose(null, null, 200)).as("everything is older than the look-back").isEqualTo(200);
    }
}

package dev.stophack.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.streaming.parse.Plausibility;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StreamCommandTest {
    @Test
    void theFutureToleranceDefaultsToTheDocumentedValue() {
        StreamCommand command = new StreamCommand();
        new CommandLine(command).parseArgs();
        assertThat(command.settings().maxFuture()).isEqualTo(Plausibility.DEFAULT_MAX_FUTURE);
    }
}

package dev.stophack.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stophack.streaming.parse.Plausibility;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StreamCommandTest {
    @Test
    void theFutureToleranceDefaultsToTheDocumentedValue() {
        StreamCommand command = new StreamCommand();
        new CommandLine(command).parseArgs();
        assertThat(command.settings().maxFuture()).isEqualTo(Plausibility.DEFAULT_MAX_FUTURE);
    }

    @Test
    void retentionKeepsEverythingUnlessToldAndRefusesANegativeNumberOfDays() {
        StreamCommand defaults = new StreamCommand();
        new CommandLine(defaults).parseArgs();
        assertThat(defaults.settings().retention().keepsEverything()).isTrue();

        StreamCommand week = new StreamCommand();
        new CommandLine(week).parseArgs("--retain-days", "7");
        assertThat(week.settings().retention().keep()).isEqualTo(Duration.ofDays(7));

        StreamCommand negative = new StreamCommand();
        new CommandLine(negative).parseArgs("--retain-days", "-1");
        assertThatThrownBy(negative::settings).hasMessage("--retain-days cannot be negative, got -1");
    }

    @Test
    void theJobSchedulesFairlySoThatModelLoadsUseTheirPool() {
        StreamCommand command = new StreamCommand();
        new CommandLine(command).parseArgs();
        assertThat(command.sparkConf(command.settings())).containsEntry("spark.scheduler.mode", "FAIR");
    }
}

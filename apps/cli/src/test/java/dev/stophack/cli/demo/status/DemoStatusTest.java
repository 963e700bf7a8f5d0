package dev.stophack.cli.demo.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoStatusTest {
    @Test
    void everyFigureOnOneLineWithThousandsSeparators() {
        DemoStatus s = new DemoStatus(12345L, 12300L, 45L, 230L, 12L, Map.of("process", 2, "memory", 1));
        assertThat(s.line()).isEqualTo("produced 12,345 | persisted 12,300 | dead letters 45 | potential attacks 230"
                + " | detected 12 | models memory v1, process v2");
    }

    @Test
    void anUnknownFigureIsADashAndNoModelIsNone() {
        DemoStatus s = new DemoStatus(null, 0L, null, null, null, Map.of("process", 0));
        assertThat(s.line()).isEqualTo("produced - | persisted 0 | dead letters - | potential attacks -"
                + " | detected - | models process none");
        assertThat(new DemoStatus(1L, 1L, 0L, 0L, 0L, null).line()).endsWith("| models -");
    }

    @Test
    void aJobThatAnswersWithoutTheCounterYetHasCountedNone() {
        PrometheusText starting = PrometheusText.parse("stophack_stream_model_version{kind=\"process\"} 1.0\n");
        assertThat(StatusReader.count(starting, StatusReader.PERSISTED)).isZero();
        assertThat(StatusReader.count(PrometheusText.parse("stophack_stream_events_total{kind=\"memory\"} 7.0\n"),
                StatusReader.PERSISTED)).isEqualTo(7);
    }
}

package dev.stophack.streaming.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.streaming.parse.DeadLetterReason;
import org.junit.jupiter.api.Test;

/** The job's figures as Prometheus scrapes them ({@code /metrics} is served by the common HttpEndpoint). */
class StreamMetricsTest {
    @Test
    void batchModelAndDeadLetterFiguresAreScraped() {
        StreamMetrics metrics = new StreamMetrics();
        metrics.batch("ingest", 7, 5000, 2500.4, 2000, 0, 0);
        metrics.batch("detected-attacks", 3, 40, 20, 1500, 1234, 2);
        metrics.deadLetters(DeadLetterReason.NOT_JSON, 3);
        metrics.events(EventKind.PROCESS, 4997);
        metrics.modelVersion(EventKind.PROCESS, 2);
        metrics.modelRefused(EventKind.MEMORY);
        assertThat(metrics.scrape())
                .contains("stophack_stream_batch_input_rows{query=\"ingest\"} 5000.0")
                .contains("stophack_stream_batch_rows_per_second{query=\"ingest\"} 2500.0")
                .contains("stophack_stream_state_rows{query=\"detected-attacks\"} 1234.0")
                .contains("stophack_stream_late_rows_total{query=\"detected-attacks\"} 2.0")
                .contains("stophack_stream_dead_letters_total{reason=\"not-json\"} 3.0")
                .contains("stophack_stream_events_total{kind=\"process\"} 4997.0")
                .contains("stophack_stream_model_version{kind=\"process\"} 2.0")
                .contains("stophack_stream_model_refusals_total{kind=\"memory\"} 1.0");
    }
}

package dev.stophack.cli.demo.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final String SCRAPE = """
            # HELP stophack_stream_events_total readable events parsed
            # TYPE stophack_stream_events_total counter
            stophack_stream_events_total{kind="memory"} 1200.0
            stophack_stream_events_total{kind="process"} 800.0
            stophack_stream_dead_letters_total{reason="not_json"} 3.0
            stophack_stream_dead_letters_total{reason="bad \\"value\\", here"} 2.0 1700000000000
            stophack_stream_model_version{kind="process"} 2.0
            stophack_producer_events_sent_total 5.0E3
            broken_line{kind="x" 1
            no_value
            """;

    @Test
    void sumsASeriesOverItsLabels() {
        PrometheusText m = PrometheusText.parse(SCRAPE);
        assertThat(m.sum("stophack_stream_events_total")).isEqualTo(2000.0);
        assertThat(m.sum("stophack_stream_dead_letters_total")).as("escaped quotes and a timestamp").isEqualTo(5.0);
        assertThat(m.sum("stophack_producer_events_sent_total")).isEqualTo(5000.0);
    }

    @Test
    void aSeriesThatIsNotThereIsNullNotZero() {
        assertThat(PrometheusText.parse(SCRAPE).sum("stophack_stream_late_rows_total")).isNull();
    }

    @Test
    void readsValuesByLabelAndSkipsWhatItCannotRead() {
        PrometheusText m = PrometheusText.parse(SCRAPE);
        assertThat(m.byLabel("stophack_stream_model_version", "kind")).containsExactly(java.util.Map.entry("process", 2.0));
        assertThat(m.byLabel("stophack_stream_dead_letters_total", "reason")).containsKey("bad \"value\", here");
        assertThat(m.samples()).noneMatch(s -> s.name().startsWith("broken") || s.name().equals("no_value"));
    }
}

package dev.stophack.streaming.weblog.surge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.stophack.api.kafka.WeblogAlert;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Baselines, thresholds at their edges and scans, with hand-made windows. */
class SurgeDetectorTest {
    /** 1-minute windows, 30 s watermark, 10 windows of history, alert after 3, 3x and +5 points and 20 requests. */
    static final SurgeRules RULES = new SurgeRules(Duration.ofMinutes(1), Duration.ofSeconds(30), 10, 3, 3, 0.05, 20, 50, 0.8);
    static final long T0 = 1_716_000_000_000L;
    final SurgeDetector detector = new SurgeDetector(RULES);

    static WindowCounts window(int minute, long total, Object... statusCounts) {
        SortedMap<Integer, Long> by = new TreeMap<>();
        long errors = 0;
        for (int i = 0; i < statusCounts.length; i += 2) {
            long n = ((Number) statusCounts[i + 1]).longValue();
            by.put((Integer) statusCounts[i], n);
            errors += n;
        }
        by.merge(200, total - errors, Long::sum);
        long start = T0 + minute * 60_000L;
        return new WindowCounts(start, start + 60_000, total, by, List.of());
    }

    /** Three ordinary windows: 2% 404, 0.5% 500. */
    Baselines warmedUp() {
        Baselines b = new Baselines();
        for (int m = 0; m < 3; m++) {
            assertThat(detector.detect(window(m, 1000, 404, 20, 500, 5), b)).isEmpty();
        }
        return b;
    }

    @Test
    void aSurgeIsMeasuredAgainstTheBaselineOfThePrecedingWindows() {
        Baselines b = warmedUp();
        assertThat(b.baseline("404")).isEqualTo(0.02);
        assertThat(b.baseline("4xx")).isEqualTo(0.02);
        assertThat(b.baseline("500")).isEqualTo(0.005);
        List<Alert> alerts = detector.detect(window(3, 1000, 404, 20, 500, 300), b);
        assertThat(alerts).extracting(Alert::kind, Alert::status, Alert::count, Alert::total, Alert::ratio, Alert::baseline)
                .containsExactly(
                        tuple(WeblogAlert.ERROR_SURGE, "500", 300L, 1000L, 0.3, 0.005),
                        tuple(WeblogAlert.ERROR_SURGE, "5xx", 300L, 1000L, 0.3, 0.005));
        assertThat(alerts).allMatch(a -> a.windowStart() == T0 + 180_000 && a.windowEnd() == T0 + 240_000
                && a.decidedAt() == T0 + 270_000, "decided once the watermark passes the window's end");
        assertThat(b.learnt("500")).as("a window that alerts does not teach the baseline").isEqualTo(3);
        assertThat(b.learnt("404")).isEqualTo(4);
        assertThat(detector.detect(window(4, 1000, 404, 20, 500, 300), b)).as("a storm that lasts keeps alerting").hasSize(2);
    }

    @Test
    void everyConditionAtItsEdge() {
        // baseline 2%: a surge needs at least 6% (3x), at least 7% (+5 points) and at least 20 requests
        assertThat(detector.detect(window(3, 1000, 404, 70), warmedUp())).extracting(Alert::status)
                .as("7%: both conditions met exactly").containsExactly("404", "4xx");
        assertThat(detector.detect(window(3, 1000, 404, 69), warmedUp())).as("6.9%: 3x but not +5 points").isEmpty();
        assertThat(detector.detect(window(3, 200, 404, 19), warmedUp())).as("9.5% but only 19 requests").isEmpty();
        assertThat(detector.detect(window(3, 200, 404, 20), warmedUp())).extracting(Alert::status)
                .as("10% with 20 requests").containsExactly("404", "4xx");

        assertThat(detector.detect(window(3, 1000, 503, 299), highBaseline())).as("10% baseline: 29.9% is under 3x").isEmpty();
        assertThat(detector.detect(window(3, 1000, 503, 300), highBaseline())).extracting(Alert::status)
                .containsExactly("503", "5xx");
    }

    /** Three windows with 10% 503. */
    Baselines highBaseline() {
        Baselines b = new Baselines();
        for (int m = 0; m < 3; m++) {
            detector.detect(window(m, 1000, 503, 100), b);
        }
        return b;
    }

    @Test
    void nothingAlertsBeforeASeriesHasItsWarmUpHistory() {
        Baselines b = new Baselines();
        assertThat(detector.detect(window(0, 1000, 503, 500), b)).isEmpty();
        assertThat(detector.detect(window(1, 1000, 503, 500), b)).isEmpty();
        assertThat(detector.detect(window(2, 1000, 503, 500), b)).isEmpty();
        assertThat(b.baseline("503")).as("it was learnt, being all there was").isEqualTo(0.5);
        assertThat(detector.detect(window(3, 1000), b)).isEmpty();
    }

    @Test
    void aStatusNeverSeenBeforeStartsWithItsClasssHistoryAndNoneOfItsRequests() {
        Baselines b = warmedUp();
        List<Alert> alerts = detector.detect(window(3, 1000, 404, 20, 500, 5, 502, 80), b);
        assertThat(alerts).extracting(Alert::status, Alert::baseline, Alert::count)
                .containsExactly(tuple("502", 0.0, 80L), tuple("5xx", 0.005, 85L));
        assertThat(b.learnt("502")).as("the storm did not become 502's baseline").isEqualTo(3);
        assertThat(b.baseline("502")).isZero();
        Baselines cold = new Baselines();
        assertThat(detector.detect(window(0, 1000, 503, 500), cold)).as("no class history either: warming up").isEmpty();
        assertThat(cold.learnt("503")).isEqualTo(1);
    }

    @Test
    void aHostAskingForManyMissingPathsIsAScanEvenWithoutASurge() {
        Baselines b = warmedUp();
        WindowCounts w = new WindowCounts(T0, T0 + 60_000, 100_000, new TreeMap<>(java.util.Map.of(200, 99_000L, 404, 1_000L)),
                List.of(new WindowCounts.HostCounts("203.0.113.9", 60, 50, 50),   // 83% 404, 50 paths: a scan
                        new WindowCounts.HostCounts("198.51.100.7", 63, 50, 50),  // 79%: not mostly 404
                        new WindowCounts.HostCounts("192.0.2.4", 49, 49, 49),     // 49 paths: too few
                        new WindowCounts.HostCounts("2001:db8::1", 400, 400, 400)));
        List<Alert> alerts = detector.detect(w, b);
        assertThat(alerts).extracting(Alert::kind, Alert::host, Alert::count, Alert::total, Alert::distinctPaths, Alert::baseline)
                .containsExactly(
                        tuple(WeblogAlert.URL_BUSTING, "2001:db8::1", 400L, 400L, 400L, 0.02),
                        tuple(WeblogAlert.URL_BUSTING, "203.0.113.9", 50L, 60L, 50L, 0.02));
        assertThat(alerts).allMatch(a -> a.status().equals("404") && a.decidedAt() == T0 + 90_000);
    }

    @Test
    void baselinesKeepOnlyTheLatestWindows() {
        Baselines b = new Baselines();
        for (int m = 0; m < 15; m++) {
            detector.detect(window(m, 1000, 404, m < 5 ? 100 : 10), b);
        }
        assertThat(b.learnt("404")).isEqualTo(10);
        assertThat(b.baseline("404")).as("the first five windows are forgotten").isEqualTo(0.01);
    }

    @Test
    void rulesThatMakeNoSenseAreRefused() {
        assertThatThrownBy(() -> new SurgeRules(Duration.ofMillis(1500), Duration.ZERO, 10, 3, 3, 0.05, 20, 50, 0.8))
                .hasMessageContaining("seconds");
        assertThatThrownBy(() -> new SurgeRules(Duration.ofMinutes(1), Duration.ZERO, 10, 11, 3, 0.05, 20, 50, 0.8))
                .hasMessageContaining("warm-up");
        assertThatThrownBy(() -> new SurgeRules(Duration.ofMinutes(1), Duration.ZERO, 10, 3, 0.5, 0.05, 20, 50, 0.8))
                .hasMessageContaining("factor");
        assertThatThrownBy(() -> new SurgeRules(Duration.ofMinutes(1), Duration.ZERO, 10, 3, 3, 0.05, 20, 50, 0))
                .hasMessageContaining("404 share");
    }
}

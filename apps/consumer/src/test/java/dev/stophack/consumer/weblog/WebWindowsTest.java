package dev.stophack.consumer.weblog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.kafka.BlocklistDecision;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web panels' counting in milliseconds, with explicit log times. */
class WebWindowsTest {
    static final long T0 = 1_716_026_400_000L; // a whole minute
    static final long MINUTE = 60_000;

    @Test
    void theBusiestHostsWithTheirRequestsPerWindowAtEverySample() {
        WebWindows w = new WebWindows(5 * MINUTE, 10 * MINUTE);
        for (int s = 0; s < 120; s++) {
            w.add("busy", T0 + s * 1000L, 200);       // 1/s for two minutes
            if (s % 2 == 0) {
                w.add("half", T0 + s * 1000L, 200);   // 1 every 2 s
            }
        }
        w.add("once", T0 + 119_000, 404);
        Map<String, List<Long>> lines = w.busiest(2, MINUTE);
        assertThat(lines.keySet()).containsExactly("busy", "half");
        List<Long> xs = w.samples();
        assertThat(xs.get(xs.size() - 1)).as("the sample after the newest bucket").isEqualTo(T0 + 120_000);
        assertThat(xs).hasSize(31).allMatch(x -> x % WebWindows.BUCKET_MILLIS == 0);
        assertThat(lines.get("busy").get(xs.size() - 1)).as("the minute before T0+120 s").isEqualTo(60L);
        assertThat(lines.get("half").get(xs.size() - 1)).isEqualTo(30L);
        assertThat(lines.get("busy").get(xs.indexOf(T0 + 30_000))).as("the first 30 s").isEqualTo(30L);
        assertThat(lines.get("busy").get(0)).isZero();
        assertThat(w.requestsInLast(MINUTE)).isEqualTo(60 + 30 + 1);
    }

    @Test
    void errorSharesPerBucketAndNothingForAnEmptyOne() {
        WebWindows w = new WebWindows(MINUTE, MINUTE);
        for (int i = 0; i < 10; i++) {
            w.add("h" + i, T0 + 1000, i < 2 ? 404 : i < 5 ? 503 : 200);
        }
        w.add("h", T0 + 35_000, 200);
        Map<String, List<Double>> shares = w.errorShares();
        List<Long> xs = w.samples();
        int first = xs.indexOf(T0 + 10_000);
        assertThat(shares.get("4xx").get(first)).isEqualTo(0.2);
        assertThat(shares.get("5xx").get(first)).isEqualTo(0.3);
        assertThat(shares.get("5xx").get(first + 1)).as("no request in that bucket").isNull();
        assertThat(shares.get("5xx").get(xs.indexOf(T0 + 40_000))).isZero();
    }

    @Test
    void linesOlderThanWhatIsKeptAreSkippedAndOldBucketsGo() {
        WebWindows w = new WebWindows(MINUTE, 2 * MINUTE);
        w.add("a", T0, 200);
        w.add("a", T0 + 10 * MINUTE, 200);
        assertThat(w.add("a", T0, 200)).isFalse();
        assertThat(w.tooOld()).isEqualTo(1);
        assertThat(w.requestsInLast(11 * MINUTE)).as("the bucket at T0 went when the log moved ten minutes on").isEqualTo(1);
    }

    @Test
    void aFloodOfHostsCannotHideTheBusiestOne() {
        HeavyHitters h = new HeavyHitters(50);
        for (int i = 0; i < 100_000; i++) {
            h.add("tail-" + i, 1);
            if (i % 10 == 0) {
                h.add("abuser", 1);
            }
        }
        assertThat(h.all()).hasSize(50);
        assertThat(h.count("abuser")).as("over by at most the smallest count kept").isBetween(10_000L, 12_000L);
    }

    @Test
    void aBlockHoldsUntilItsLatestDecisionAndRemembersItsWindows() {
        Blocks blocks = new Blocks();
        BlocklistDecision d = new BlocklistDecision("203.0.113.7", "x", "x", 700, 600, "x", "x");
        blocks.add(d, T0, T0 + MINUTE, T0 + MINUTE, T0 + 5_000);
        blocks.add(d, T0 + 10_000, T0 + 70_000, T0 + 70_000, T0 + 12_000);
        blocks.add(d, T0 - 10_000, T0 + 50_000, T0 + 50_000, T0 + 5_000); // a repeat of an older window
        assertThat(blocks.all()).singleElement().satisfies(b -> {
            assertThat(b.until()).isEqualTo(T0 + 70_000);
            assertThat(b.windows()).isEqualTo(3);
        });
        assertThat(blocks.threshold()).isEqualTo(600);
        blocks.forgetBefore(T0 + 80_000);
        assertThat(blocks.all()).isEmpty();
    }

    @Test
    void theStatusIsReadAfterTheQuotedRequest() {
        assertThat(status("1.2.3.4 - - [2024-05-18 10:00:00] \"GET / HTTP/1.1\" 404 12")).isEqualTo(404);
        assertThat(status("1.2.3.4 - - [2024-05-18 10:00:00] \"GET /a\\\"b HTTP/1.1\" 503 -")).isEqualTo(503);
        assertThat(status("1.2.3.4 - - [18/May/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"ua 404\"")).isEqualTo(200);
        assertThat(status("1.2.3.4 - - [2024-05-18 10:00:00] \"GET / HTTP/1.1\" 2O0 12")).isEqualTo(-1);
        assertThat(status("1.2.3.4 - - [2024-05-18 10:00:00] \"GET / HTTP/1.1\" 2000 12")).isEqualTo(-1);
        assertThat(status("1.2.3.4 - - [2024-05-18 10:00:00] \"GET / HTT")).isEqualTo(-1);
        assertThat(WebRecords.firstField("h x".getBytes(StandardCharsets.US_ASCII))).isEqualTo("h");
    }

    private static int status(String line) {
        return WebRecords.status(line.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.stophack.streaming.weblog.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Window edges, late requests and bounded state, in milliseconds with explicit times. */
class RateLimiterTest {
    /** 60 s windows every 10 s, at most 5 requests. */
    final RateLimiter limiter = new RateLimiter(Duration.ofSeconds(60), Duration.ofSeconds(10), 5);
    static final long T0 = 1_716_000_000_000L; // a multiple of 10 s
    static final long NO_WATERMARK = 0;

    static long[] at(long... secondsAfterT0) {
        return LongStream.of(secondsAfterT0).map(s -> T0 + s * 1000).toArray();
    }

    @Test
    void theThresholdItselfIsAllowedOneMoreIsNot() {
        HostWindows state = new HostWindows();
        assertThat(limiter.add("h", state, at(0, 1, 2, 3, 4), NO_WATERMARK)).isEmpty();
        List<Decision> d = limiter.add("h", state, at(5), NO_WATERMARK);
        // the sixth request at T0+5 s is in the six windows starting T0-50 s .. T0, all holding 6
        assertThat(d).extracting(Decision::windowStart, Decision::count, Decision::until, Decision::decidedAt)
                .containsExactly(
                        tuple(T0 - 50_000, 6L, T0 + 10_000, T0 + 5_000),
                        tuple(T0 - 40_000, 6L, T0 + 20_000, T0 + 5_000),
                        tuple(T0 - 30_000, 6L, T0 + 30_000, T0 + 5_000),
                        tuple(T0 - 20_000, 6L, T0 + 40_000, T0 + 5_000),
                        tuple(T0 - 10_000, 6L, T0 + 50_000, T0 + 5_000),
                        tuple(T0, 6L, T0 + 60_000, T0 + 5_000));
        assertThat(d).allMatch(x -> x.host().equals("h") && x.threshold() == 5 && x.windowEnd() == x.until());
        assertThat(limiter.add("h", state, at(6, 7), NO_WATERMARK)).as("each window is decided once").isEmpty();
    }

    @Test
    void aWindowEndIsExclusive() {
        HostWindows state = new HostWindows();
        // window T0 is [T0, T0+60 s): the request at T0+60 s is not in it, the one at T0+59 s is the sixth
        List<Decision> d = limiter.add("h", state, at(0, 0, 10, 20, 30, 60, 59), NO_WATERMARK);
        assertThat(d).extracting(Decision::windowStart, Decision::count, Decision::decidedAt)
                .containsExactly(tuple(T0, 6L, T0 + 59_000));
    }

    @Test
    void requestsSpreadOverTwoWindowsNeverFillOne() {
        HostWindows state = new HostWindows();
        // three in the last second of one minute, three in the first of the next: the windows that
        // start at T0+10 s .. T0+50 s each hold all six
        List<Decision> d = limiter.add("h", state, at(59, 59, 59, 60, 60, 60), NO_WATERMARK);
        assertThat(d).extracting(Decision::windowStart).containsExactly(T0 + 10_000, T0 + 20_000, T0 + 30_000,
                T0 + 40_000, T0 + 50_000);
        HostWindows apart = new HostWindows();
        assertThat(limiter.add("h", apart, at(0, 0, 0, 60, 60, 60), NO_WATERMARK)).as("60 s apart: no window holds six")
                .isEmpty();
    }

    @Test
    void theOrderOfArrivalInABatchDoesNotMatterButTheCountIsTheBatchEnds() {
        HostWindows state = new HostWindows();
        List<Decision> d = limiter.add("h", state, at(9, 1, 8, 2, 7, 3, 6, 4), NO_WATERMARK);
        assertThat(d).hasSize(6).allMatch(x -> x.count() == 8 && x.decidedAt() == T0 + 7_000,
                "the sixth request in time order (at 7 s) took them over; eight by the end of the batch");
    }

    @Test
    void lateRequestsCountWhileTheirWindowIsOpenAndNotAtOrBeforeTheWatermark() {
        HostWindows state = new HostWindows();
        limiter.add("h", state, at(30, 31, 32, 33, 34), T0);
        long watermark = T0 + 20_000;
        assertThat(limiter.add("h", state, at(20), watermark)).as("at the watermark: late").isEmpty();
        assertThat(limiter.add("h", state, at(5), watermark)).as("before it: late").isEmpty();
        List<Decision> d = limiter.add("h", state, at(21), watermark);
        assertThat(d).as("after it, although older than the requests before").extracting(Decision::windowStart)
                .containsExactly(T0 - 20_000, T0 - 10_000, T0, T0 + 10_000, T0 + 20_000);
        assertThat(d).allMatch(x -> x.decidedAt() == T0 + 21_000 && x.count() == 6);
    }

    @Test
    void stateHoldsOnlyWhatWindowsThatCanChangeNeed() {
        HostWindows state = new HostWindows();
        assertThat(limiter.add("h", state, at(0, 1, 2, 3, 4, 5, 15, 25), NO_WATERMARK)).hasSize(6);
        assertThat(state.getBucketStarts()).containsExactly(T0, T0 + 10_000, T0 + 20_000);
        assertThat(state.getDecided()).containsExactly(T0 - 50_000, T0 - 40_000, T0 - 30_000, T0 - 20_000, T0 - 10_000, T0);
        assertThat(limiter.expiresAt(state)).isEqualTo(T0 + 80_000);
        assertThat(limiter.expire(state, T0 + 60_000)).isFalse();
        assertThat(state.getBucketStarts()).as("bucket T0 is in windows ending by T0+60 s at the latest")
                .containsExactly(T0 + 10_000, T0 + 20_000);
        assertThat(state.getDecided()).as("every decided window ended by T0+60 s").isEmpty();
        assertThat(limiter.expire(state, T0 + 80_000)).as("every window ended").isTrue();
    }

    @Test
    void aHostThatKeepsSendingIsBlockedWindowAfterWindowAndNoLongerOnceItFallsBack() {
        RateLimiter perSecond = new RateLimiter(Duration.ofSeconds(10), Duration.ofSeconds(5), 10);
        HostWindows state = new HostWindows();
        // 2/s for 30 s: 20 in each full window; the windows it only half fills hold exactly 10, the limit
        long[] burst = LongStream.range(0, 60).map(i -> T0 + i * 500).toArray();
        List<Decision> d = perSecond.add("h", state, burst, NO_WATERMARK);
        assertThat(d).extracting(Decision::until).as("until moves one slide at a time")
                .containsExactly(T0 + 10_000, T0 + 15_000, T0 + 20_000, T0 + 25_000, T0 + 30_000);
        long[] calm = LongStream.range(0, 30).map(i -> T0 + 40_000 + i * 1000).toArray(); // 1/s: 10 per window
        assertThat(perSecond.add("h", state, calm, T0 + 30_000)).isEmpty();
    }

    @Test
    void settingsThatMakeNoSenseAreRefused() {
        assertThatThrownBy(() -> new RateLimiter(Duration.ofSeconds(60), Duration.ofSeconds(7), 5))
                .hasMessageContaining("whole number of slides");
        assertThatThrownBy(() -> new RateLimiter(Duration.ofSeconds(5), Duration.ofSeconds(10), 5))
                .hasMessageContaining("no longer than the window");
        assertThatThrownBy(() -> new RateLimiter(Duration.ofSeconds(60), Duration.ofSeconds(10), 0))
                .hasMessageContaining("at least 1");
    }
}

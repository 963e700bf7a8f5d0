package dev.stophack.consumer.weblog;

import java.time.Duration;

/**
 * How the dashboard draws the web access log against the streaming job's rate limiter.
 *
 * @param enabled       whether the consumer reads the web topics at all ({@code --no-weblog}: a cluster
 *                      without them, or whose Kafka user may not read them)
 * @param rateWindow    the rate limiter's window: the busiest hosts' requests are counted over it
 * @param rateThreshold the limit to draw until a blocklist decision names the one in force
 * @param busiest       how many hosts the busiest-hosts chart shows
 */
public record WebSettings(boolean enabled, Duration rateWindow, long rateThreshold, int busiest) {
    public WebSettings {
        if (rateWindow.toMillis() < WebWindows.BUCKET_MILLIS || rateWindow.toMillis() % WebWindows.BUCKET_MILLIS != 0) {
            throw new IllegalArgumentException("--rate-window must be a whole number of 10 s, at least 10 s");
        }
        if (rateThreshold < 1) {
            throw new IllegalArgumentException("--rate-threshold must be at least 1");
        }
        if (busiest < 1 || busiest > 20) {
            throw new IllegalArgumentException("the busiest-hosts chart shows 1 to 20 hosts");
        }
    }

    /** The streaming job's defaults: 60 s windows, 600 requests. */
    public static WebSettings defaults() {
        return new WebSettings(true, Duration.ofSeconds(60), 600, 5);
    }
}

package dev.stophack.streaming.weblog;

import dev.stophack.streaming.weblog.ratelimit.RateLimiter;
import dev.stophack.streaming.weblog.surge.SurgeRules;
import java.io.Serializable;
import java.time.Duration;

/**
 * What the web access-log queries of the streaming job are told, already checked.
 *
 * @param mode           whether the job runs them, beside the telemetry queries or alone
 * @param watermark      how late a line may arrive and still count in the detectors' windows
 * @param rateWindow     the rate limiter's window
 * @param rateSlide      how often a window starts
 * @param rateThreshold  requests of one host a window may hold
 * @param surge          the error-surge and scan rules
 */
public record WeblogSettings(Mode mode, Duration watermark, Duration rateWindow, Duration rateSlide, long rateThreshold,
        SurgeRules surge) implements Serializable {

    /** Which queries a job runs. */
    public enum Mode {
        /** Telemetry only (the old job). */
        OFF,
        /** Telemetry and web access logs, under one supervisor. */
        ON,
        /** Web access logs only: {@code stophack stream --weblog-only}. */
        ONLY;

        public boolean weblog() {
            return this != OFF;
        }

        public boolean telemetry() {
            return this != ONLY;
        }
    }

    public WeblogSettings {
        if (watermark.isNegative()) {
            throw new IllegalArgumentException("--weblog-watermark cannot be negative");
        }
        new RateLimiter(rateWindow, rateSlide, rateThreshold); // the same checks, with their messages
        if (!surge.watermark().equals(watermark)) {
            throw new IllegalArgumentException("the surge rules' watermark must be the queries' watermark");
        }
    }

    /** The documented defaults; {@code mode} as given. */
    public static WeblogSettings defaults(Mode mode) {
        Duration watermark = Duration.ofSeconds(30);
        return new WeblogSettings(mode, watermark, Duration.ofSeconds(60), Duration.ofSeconds(10), 600,
                new SurgeRules(Duration.ofSeconds(60), watermark, 30, 10, 3, 0.05, 20, 50, 0.8));
    }

    public RateLimiter rateLimiter() {
        return new RateLimiter(rateWindow, rateSlide, rateThreshold);
    }
}

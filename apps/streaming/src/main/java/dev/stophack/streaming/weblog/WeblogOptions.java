package dev.stophack.streaming.weblog;

import dev.stophack.streaming.settings.DurationText;
import dev.stophack.streaming.weblog.surge.SurgeRules;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The {@code stophack stream} options of the web access-log queries, mixed into the command. */
public final class WeblogOptions {
    @Option(names = "--weblog", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run the web access-log queries (topic weblog): parse, persist, rate limiter,"
                    + " error surges. --no-weblog runs the telemetry only.")
    boolean weblog = true;

    @Option(names = "--weblog-only", description = "Run only the web access-log queries, no telemetry.")
    boolean weblogOnly;

    @Option(names = "--weblog-watermark", paramLabel = "DURATION", defaultValue = "30s", converter = DurationText.class,
            description = "How late an access-log line may arrive and still count in the rate limiter's and the"
                    + " surge detector's windows.")
    Duration watermark;

    @Option(names = "--ratelimit-window", paramLabel = "DURATION", defaultValue = "60s", converter = DurationText.class,
            description = "Length of the rate limiter's sliding windows.")
    Duration rateWindow;

    @Option(names = "--ratelimit-slide", paramLabel = "DURATION", defaultValue = "10s", converter = DurationText.class,
            description = "How often a rate-limiter window starts; the window must be a whole number of slides.")
    Duration rateSlide;

    @Option(names = "--ratelimit-threshold", paramLabel = "N", defaultValue = "600",
            description = "Requests one host may send in a window; more blocks it until the window's end.")
    long rateThreshold;

    @Option(names = "--surge-window", paramLabel = "DURATION", defaultValue = "60s", converter = DurationText.class,
            description = "Length of the error-surge windows (tumbling).")
    Duration surgeWindow;

    @Option(names = "--surge-history", paramLabel = "WINDOWS", defaultValue = "30",
            description = "Windows an error share's baseline is learnt from (the latest that did not alert).")
    int surgeHistory;

    @Option(names = "--surge-warm-up", paramLabel = "WINDOWS", defaultValue = "10",
            description = "Windows of history a status needs before it can alert.")
    int surgeWarmUp;

    @Option(names = "--surge-factor", paramLabel = "X", defaultValue = "3",
            description = "A surge is a share at least this many times its baseline ...")
    double surgeFactor;

    @Option(names = "--surge-min-delta", paramLabel = "SHARE", defaultValue = "0.05",
            description = "... and at least this much above it (0.05 = 5 percentage points) ...")
    double surgeMinDelta;

    @Option(names = "--surge-min-count", paramLabel = "N", defaultValue = "20",
            description = "... with at least this many requests of that status in the window.")
    long surgeMinCount;

    @Option(names = "--scan-paths", paramLabel = "N", defaultValue = "50",
            description = "A host asking for this many distinct paths answered 404 in a surge window ...")
    long scanPaths;

    @Option(names = "--scan-share", paramLabel = "SHARE", defaultValue = "0.8",
            description = "... with at least this share of its requests answered 404 is a URL-busting scan.")
    double scanShare;

    /** The settings these options describe; an inconsistent combination is an IllegalArgumentException. */
    public WeblogSettings settings() {
        if (weblogOnly && !weblog) {
            throw new IllegalArgumentException("--weblog-only and --no-weblog contradict each other");
        }
        WeblogSettings.Mode mode = weblogOnly ? WeblogSettings.Mode.ONLY : weblog ? WeblogSettings.Mode.ON : WeblogSettings.Mode.OFF;
        return new WeblogSettings(mode, watermark, rateWindow, rateSlide, rateThreshold, new SurgeRules(surgeWindow, watermark,
                surgeHistory, surgeWarmUp, surgeFactor, surgeMinDelta, surgeMinCount, scanPaths, scanShare));
    }
}

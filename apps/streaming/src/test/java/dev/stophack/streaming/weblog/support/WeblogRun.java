package dev.stophack.streaming.weblog.support;

import dev.stophack.streaming.StreamJob;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.streaming.weblog.WeblogSettings;
import java.time.Duration;

/** Runs the streaming job's web access-log queries once over what Kafka holds (Trigger.AvailableNow). */
public final class WeblogRun {
    private WeblogRun() {
    }

    public static StreamMetrics once(StreamRig rig, String run, WeblogSettings weblog) throws InterruptedException {
        StreamMetrics metrics = new StreamMetrics();
        try (StreamJob job = new StreamJob(rig.spark, rig.settings(run, true, Duration.ofSeconds(1)), rig.store, metrics, weblog)) {
            job.run();
        }
        return metrics;
    }
}

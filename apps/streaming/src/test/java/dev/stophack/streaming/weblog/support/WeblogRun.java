package dev.stophack.streaming.weblog.support;

import dev.stophack.streaming.StreamJob;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.settings.StreamSettings;
import dev.stophack.streaming.support.StreamRig;
import dev.stophack.streaming.weblog.WeblogSettings;
import java.time.Duration;

/** Runs the streaming job's web access-log queries once over what Kafka holds (Trigger.AvailableNow). */
public final class WeblogRun {
    private WeblogRun() {
    }

    public static StreamMetrics once(StreamRig rig, String run, WeblogSettings weblog) throws InterruptedException {
        return once(rig, rig.settings(run, true, Duration.ofSeconds(1)), weblog);
    }

    /** With outputs and checkpoints of its own, under {@code prefix} in the bucket. */
    public static StreamMetrics onceUnder(StreamRig rig, String prefix, WeblogSettings weblog) throws InterruptedException {
        StreamSettings s = rig.settings("unused", true, Duration.ofSeconds(1));
        String root = s.outputRoot() + "/" + prefix;
        return once(rig, new StreamSettings(s.kafka(), root, root + "/checkpoints", s.trigger(), true, s.startingOffsets(),
                s.maxOffsetsPerTrigger(), s.shufflePartitions(), s.modelPoll(), s.maxFuture()), weblog);
    }

    private static StreamMetrics once(StreamRig rig, StreamSettings settings, WeblogSettings weblog) throws InterruptedException {
        StreamMetrics metrics = new StreamMetrics();
        try (StreamJob job = new StreamJob(rig.spark, settings, rig.store, metrics, weblog)) {
            job.run();
        }
        return metrics;
    }
}

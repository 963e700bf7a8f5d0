package dev.stophack.streaming.settings;

import dev.stophack.config.KafkaConnection;
import dev.stophack.streaming.output.Retention;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything the streaming job is told, already checked. Locations are URIs Spark understands
 * ({@code s3a://bucket/...} or a directory).
 *
 * @param kafka                Kafka bootstrap servers and client settings (every source, sink and admin client)
 * @param outputRoot           where events/, attacks/ and deadletter/ go (the bucket root)
 * @param checkpointRoot       one sub-directory per query
 * @param trigger              micro-batch interval
 * @param once                 process what Kafka holds now (Trigger.AvailableNow), then stop
 * @param startingOffsets      earliest or latest: where a query without a checkpoint starts
 * @param maxOffsetsPerTrigger records per ingest micro-batch at most
 * @param shufflePartitions    partitions of the window and join state (fixed once a checkpoint exists)
 * @param modelPoll            how often the ACTIVE pointers are read
 * @param maxFuture            how far after its Kafka timestamp an event time may lie
 * @param retention            how long the parquet outputs keep their files
 */
public record StreamSettings(KafkaConnection kafka, String outputRoot, String checkpointRoot, Duration trigger, boolean once,
        String startingOffsets, long maxOffsetsPerTrigger, int shufflePartitions, Duration modelPoll,
        Duration maxFuture, Retention retention) {

    public StreamSettings {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(retention, "retention");
        outputRoot = stripSlash(Objects.requireNonNull(outputRoot, "outputRoot"));
        checkpointRoot = stripSlash(Objects.requireNonNull(checkpointRoot, "checkpointRoot"));
        startingOffsets = startingOffsets.toLowerCase(Locale.ROOT);
        if (!startingOffsets.equals("earliest") && !startingOffsets.equals("latest")) {
            throw new IllegalArgumentException("--starting-offsets must be earliest or latest, got '" + startingOffsets + "'");
        }
        positive(trigger, "--trigger");
        positive(modelPoll, "--model-poll");
        if (maxFuture.isNegative()) {
            throw new IllegalArgumentException("--max-future cannot be negative");
        }
        if (maxOffsetsPerTrigger < 1) {
            throw new IllegalArgumentException("--max-offsets-per-trigger must be at least 1");
        }
        if (shufflePartitions < 1) {
            throw new IllegalArgumentException("--shuffle-partitions must be at least 1");
        }
    }

    /** Settings whose outputs keep everything. */
    public StreamSettings(KafkaConnection kafka, String outputRoot, String checkpointRoot, Duration trigger, boolean once,
            String startingOffsets, long maxOffsetsPerTrigger, int shufflePartitions, Duration modelPoll,
            Duration maxFuture) {
        this(kafka, outputRoot, checkpointRoot, trigger, once, startingOffsets, maxOffsetsPerTrigger, shufflePartitions,
                modelPoll, maxFuture, Retention.FOREVER);
    }

    /** An output directory: {@code outputRoot + "/" + path} (path from S3Layout). */
    public String output(String path) {
        return outputRoot + "/" + path;
    }

    /** The checkpoint directory of {@code query}. */
    public String checkpoint(String query) {
        return checkpointRoot + "/" + query;
    }

    private static void positive(Duration d, String flag) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(flag + " must be positive, got " + d);
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}

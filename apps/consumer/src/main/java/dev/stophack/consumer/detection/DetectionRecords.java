package dev.stophack.consumer.detection;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.kafka.DetectedAttack;
import dev.stophack.api.kafka.StreamStatus;
import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.parse.ClockLimit;
import dev.stophack.consumer.parse.SkipReason;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads {@code attacks} (the api's {@link DetectedAttack}) and {@code stream-status}
 * ({@link StreamStatus}) into {@link Detection}. Values are untrusted: what does not bind, or
 * has no readable time, or a time further ahead than {@code --max-ts-ahead} (it would push the
 * real history out), is skipped with a reason and counted per topic.
 */
public final class DetectionRecords {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Detection detection;
    private final ClockLimit clockLimit;

    public DetectionRecords(Detection detection, ClockLimit clockLimit) {
        this.detection = detection;
        this.clockLimit = clockLimit;
    }

    /** Whether {@code topic} is one this reads. */
    public static boolean reads(String topic) {
        return Topics.ATTACKS.equals(topic) || Topics.STREAM_STATUS.equals(topic);
    }

    public void handle(ConsumerRecord<byte[], byte[]> r, long now) {
        switch (r.topic()) {
            case Topics.ATTACKS -> attack(r.value(), now);
            case Topics.STREAM_STATUS -> status(r.value(), now);
            default -> throw new IllegalArgumentException("not a detection topic: " + r.topic());
        }
    }

    void attack(byte[] value, long now) {
        DetectedAttack a;
        try {
            a = JSON.readValue(value, DetectedAttack.class);
        } catch (IOException | IllegalArgumentException e) {
            detection.skipped(Topics.ATTACKS, SkipReason.NOT_JSON);
            return;
        }
        if (a == null) {
            detection.skipped(Topics.ATTACKS, SkipReason.NOT_JSON);
            return;
        }
        Long time = millis(a.processingTime);
        if (time == null) {
            detection.skipped(Topics.ATTACKS, SkipReason.NO_TIME);
            return;
        }
        if (clockLimit.checkWindowStart(time, now) != null) {
            detection.skipped(Topics.ATTACKS, SkipReason.TS_AHEAD);
            return;
        }
        String machine = Integer.toString(a.machine);
        String key = machine + "|" + a.cmdPid + "|" + a.processEventTime + "|" + a.memoryEventTime;
        detection.attack(key, new LatestAttacks.Attack(time, machine, cut(a.cmd), cut(a.cmdPid), a.processPAttack,
                a.memoryPAttack), now);
    }

    void status(byte[] value, long now) {
        StreamStatus s;
        try {
            s = JSON.readValue(value, StreamStatus.class);
        } catch (IOException | IllegalArgumentException e) {
            detection.skipped(Topics.STREAM_STATUS, SkipReason.NOT_JSON);
            return;
        }
        if (s == null) {
            detection.skipped(Topics.STREAM_STATUS, SkipReason.NOT_JSON);
            return;
        }
        Long time = millis(s.batchTime());
        if (time == null) {
            detection.skipped(Topics.STREAM_STATUS, SkipReason.NO_TIME);
            return;
        }
        if (clockLimit.checkWindowStart(time, now) != null) {
            detection.skipped(Topics.STREAM_STATUS, SkipReason.TS_AHEAD);
            return;
        }
        Map<String, Integer> versions = new TreeMap<>();
        if (s.kinds() != null) {
            s.kinds().forEach((kind, k) -> versions.put(kind, k == null ? null : k.activeVersion()));
        }
        Map<String, Long> dead = new TreeMap<>();
        if (s.deadLetters() != null) {
            s.deadLetters().forEach((reason, n) -> dead.put(reason, n == null ? 0L : n));
        }
        detection.status(s.batchId(), time, versions, dead, now);
    }

    private static Long millis(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** Commands are untrusted text shown in a table: long ones are cut. */
    private static String cut(String s) {
        return s == null ? null : s.length() > 200 ? s.substring(0, 200) : s;
    }
}

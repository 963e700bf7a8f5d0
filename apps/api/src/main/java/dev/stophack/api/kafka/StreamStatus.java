package dev.stophack.api.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One value on {@link Topics#STREAM_STATUS}: what one ingest micro-batch of the streaming job did,
 * published once its outputs are written. Topics are at least once: a replayed batch publishes
 * its record again, with the same {@code batch_id}; the newest record of a batch id is the one to
 * keep. Times are ISO-8601 UTC ({@code 2024-03-01T10:00:00.123Z}).
 *
 * @param batchId     the ingest batch
 * @param batchTime   when the batch was first read (a replay keeps the first attempt's time)
 * @param kinds       per event kind ({@code process}, {@code memory}): models and counts
 * @param deadLetters records that could not be read, by reason code ({@code not-json}, ...);
 *                    only the reasons the batch met
 * @param watermark   the event time below which the 2-minute windows are final, as the window
 *                    query last reported it; null before it reported one
 */
public record StreamStatus(
        @JsonProperty(BATCH_ID) long batchId,
        @JsonProperty(BATCH_TIME) String batchTime,
        @JsonProperty(KINDS) Map<String, KindStatus> kinds,
        @JsonProperty(DEAD_LETTERS) Map<String, Long> deadLetters,
        @JsonProperty(WATERMARK) String watermark) {
    public static final String BATCH_ID = "batch_id";
    public static final String BATCH_TIME = "batch_time";
    public static final String KINDS = "kinds";
    public static final String DEAD_LETTERS = "dead_letters";
    public static final String WATERMARK = "watermark";
    /** The record key: the job's ingest query. */
    public static final String KEY = "ingest";

    /**
     * One kind's part of a batch.
     *
     * @param activeVersion    the version whose predictions the batch wrote; null: no model, the
     *                         events were persisted unscored
     * @param candidateVersion the version scored in its shadow; null: none
     * @param events           readable events of the kind
     * @param predictedAttacks of those, the events the active version predicted as attack
     */
    public record KindStatus(
            @JsonProperty(ACTIVE_VERSION) Integer activeVersion,
            @JsonProperty(CANDIDATE_VERSION) Integer candidateVersion,
            @JsonProperty(EVENTS) long events,
            @JsonProperty(PREDICTED_ATTACKS) long predictedAttacks) {
        public static final String ACTIVE_VERSION = "active_version";
        public static final String CANDIDATE_VERSION = "candidate_version";
        public static final String EVENTS = "events";
        public static final String PREDICTED_ATTACKS = "predicted_attacks";
    }
}

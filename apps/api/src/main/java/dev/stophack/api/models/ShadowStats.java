package dev.stophack.api.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One line of {@code models/<kind>/v<N>/shadow/batch-<id>.json}: what one streaming batch saw
 * while version N scored in the shadow of the active version.
 *
 * @param batchId       the ingest batch
 * @param activeVersion the version whose predictions the batch wrote
 * @param scored        events both versions scored
 * @param disagreed     events the two predicted differently
 * @param activeAttacks events the active version predicted as attack
 * @param shadowAttacks events the candidate predicted as attack
 * @param at            when the batch ran
 */
public record ShadowStats(
        @JsonProperty("batch_id") long batchId,
        @JsonProperty("active_version") int activeVersion,
        @JsonProperty("scored") long scored,
        @JsonProperty("disagreed") long disagreed,
        @JsonProperty("active_attacks") long activeAttacks,
        @JsonProperty("shadow_attacks") long shadowAttacks,
        @JsonProperty("at") Instant at) {
}

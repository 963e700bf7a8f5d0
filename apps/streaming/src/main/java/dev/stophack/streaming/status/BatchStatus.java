package dev.stophack.streaming.status;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.kafka.StreamStatus;
import dev.stophack.streaming.ingest.BatchStats;
import dev.stophack.streaming.parse.DeadLetterReason;
import dev.stophack.streaming.scoring.LoadedModel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One ingest batch's {@link StreamStatus}, from what chose its models and what its tasks counted. */
public final class BatchStatus {
    private BatchStatus() {
    }

    /**
     * @param models             the batch's model per kind (null: none)
     * @param candidates         the batch's candidate per kind (null: none)
     * @param readAt             when the batch was first read
     * @param seen               what the parsing tasks counted
     * @param attacksByTransform attacks of the kinds a transform scored (the tasks counted none of those)
     * @param watermark          the windows' watermark, if reported yet
     */
    public static StreamStatus of(long batchId, Map<EventKind, LoadedModel> models, Map<EventKind, LoadedModel> candidates,
            Instant readAt, BatchStats.Snapshot seen, Map<EventKind, Long> attacksByTransform, Optional<Instant> watermark) {
        Map<String, StreamStatus.KindStatus> kinds = new LinkedHashMap<>();
        for (EventKind kind : EventKind.values()) {
            LoadedModel model = models.get(kind);
            LoadedModel candidate = candidates.get(kind);
            kinds.put(kind.id(), new StreamStatus.KindStatus(model == null ? null : model.version(),
                    candidate == null ? null : candidate.version(), seen.events(kind),
                    attacksByTransform.getOrDefault(kind, seen.attacks(kind))));
        }
        Map<String, Long> dead = new LinkedHashMap<>();
        for (DeadLetterReason r : DeadLetterReason.values()) {
            if (seen.deadLetters(r) > 0) {
                dead.put(r.code(), seen.deadLetters(r));
            }
        }
        return new StreamStatus(batchId, readAt.toString(), kinds, dead, watermark.map(Instant::toString).orElse(null));
    }
}

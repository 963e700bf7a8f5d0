package dev.stophack.streaming.scoring;

import dev.stophack.api.events.EventKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks what a micro-batch runs with: the model of each kind and the time the batch counts as
 * read. A new batch gets the current models and the clock (recorded first); a replayed batch the
 * recorded ones, so a replay scores and judges event times as the first attempt did. This is
 * where a hot swap takes effect: a model that became current during batch N scores from batch
 * N+1 on, and never half a batch.
 */
public final class ModelSelection {
    private static final Logger LOG = LoggerFactory.getLogger(ModelSelection.class);

    private final ActiveModels models;
    private final BatchModelLog log;

    /**
     * @param models     the model per kind; a kind maps to null when it has no usable model
     * @param readMicros when the batch was first read: what event times are judged against
     */
    public record BatchStart(Map<EventKind, LoadedModel> models, long readMicros) {
    }

    public ModelSelection(ActiveModels models, BatchModelLog log) {
        this.models = models;
        this.log = log;
    }

    /** What {@code batchId} runs with; {@code nowMicros} is the clock, taken for a batch not started before. */
    public BatchStart forBatch(long batchId, long nowMicros) {
        Optional<BatchModelLog.Record> recorded = log.recorded(batchId);
        Map<EventKind, LoadedModel> chosen = new EnumMap<>(EventKind.class);
        if (recorded.isPresent()) {
            for (EventKind kind : EventKind.values()) {
                chosen.put(kind, replayed(kind, recorded.get().versions().get(kind), batchId));
            }
            long readMicros = recorded.get().readMicros();
            return new BatchStart(chosen, readMicros < 0 ? nowMicros : readMicros);
        }
        Map<EventKind, Integer> versions = new EnumMap<>(EventKind.class);
        for (EventKind kind : EventKind.values()) {
            LoadedModel model = models.current(kind).orElse(null);
            chosen.put(kind, model);
            versions.put(kind, model == null ? null : model.version());
        }
        log.record(batchId, versions, nowMicros);
        return new BatchStart(chosen, nowMicros);
    }

    private LoadedModel replayed(EventKind kind, Integer version, long batchId) {
        if (version == null) {
            return null;
        }
        try {
            return models.version(kind, version);
        } catch (Exception e) {
            LoadedModel now = models.current(kind).orElse(null);
            LOG.warn("batch {} is replayed but its {} model v{} is gone ({}); scoring it with {}", batchId, kind, version,
                    e.getMessage(), now == null ? "no model" : "v" + now.version());
            return now;
        }
    }
}

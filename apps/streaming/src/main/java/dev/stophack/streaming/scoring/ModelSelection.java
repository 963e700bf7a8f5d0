package dev.stophack.streaming.scoring;

import dev.stophack.api.events.EventKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the model of each kind for a micro-batch: the current ones for a new batch (recorded
 * first), the recorded ones for a replayed batch. This is where a hot swap takes effect: a model
 * that became current during batch N scores from batch N+1 on, and never half a batch.
 */
public final class ModelSelection {
    private static final Logger LOG = LoggerFactory.getLogger(ModelSelection.class);

    private final ActiveModels models;
    private final BatchModelLog log;

    public ModelSelection(ActiveModels models, BatchModelLog log) {
        this.models = models;
        this.log = log;
    }

    /** The model per kind for {@code batchId}; a kind maps to null when it has no usable model. */
    public Map<EventKind, LoadedModel> forBatch(long batchId) {
        Optional<Map<EventKind, Integer>> recorded = log.recorded(batchId);
        Map<EventKind, LoadedModel> chosen = new EnumMap<>(EventKind.class);
        if (recorded.isPresent()) {
            for (EventKind kind : EventKind.values()) {
                chosen.put(kind, replayed(kind, recorded.get().get(kind), batchId));
            }
            return chosen;
        }
        Map<EventKind, Integer> versions = new EnumMap<>(EventKind.class);
        for (EventKind kind : EventKind.values()) {
            LoadedModel model = models.current(kind).orElse(null);
            chosen.put(kind, model);
            versions.put(kind, model == null ? null : model.version());
        }
        log.record(batchId, versions);
        return chosen;
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

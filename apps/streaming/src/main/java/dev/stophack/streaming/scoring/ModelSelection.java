package dev.stophack.streaming.scoring;

import dev.stophack.api.events.EventKind;
import dev.stophack.streaming.metrics.StreamMetrics;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks what a micro-batch runs with: the model of each kind, the candidate scored in its shadow,
 * and the time the batch counts as read. A new batch gets the current models and the clock
 * (recorded first); a replayed batch the recorded ones, so a replay scores and judges event times
 * as the first attempt did. This is where a hot swap takes effect: a model that became current
 * during batch N scores from batch N+1 on, and never half a batch. The one exception is a batch
 * that keeps failing with a version that is no longer current (see {@link ReplayRule}).
 */
public final class ModelSelection {
    private static final Logger LOG = LoggerFactory.getLogger(ModelSelection.class);

    private final ActiveModels models;
    private final BatchModelLog log;
    private final BiPredicate<EventKind, Long> eventsCommitted;
    private final StreamMetrics metrics;

    /**
     * @param models     the model per kind; a kind maps to null when it has no usable model
     * @param candidates the candidate per kind; a kind maps to null when none scores in shadow
     * @param readMicros when the batch was first read: what event times are judged against
     */
    public record BatchStart(Map<EventKind, LoadedModel> models, Map<EventKind, LoadedModel> candidates, long readMicros) {
    }

    /**
     * @param eventsCommitted whether a kind's events of a batch id are committed in its output
     */
    public ModelSelection(ActiveModels models, BatchModelLog log, BiPredicate<EventKind, Long> eventsCommitted,
            StreamMetrics metrics) {
        this.models = models;
        this.log = log;
        this.eventsCommitted = eventsCommitted;
        this.metrics = metrics;
    }

    /** What {@code batchId} runs with; {@code nowMicros} is the clock, taken for a batch not started before. */
    public BatchStart forBatch(long batchId, long nowMicros) {
        Optional<BatchModelLog.Record> recorded = log.recorded(batchId);
        if (recorded.isPresent()) {
            return replay(recorded.get(), nowMicros);
        }
        Map<EventKind, LoadedModel> chosen = new EnumMap<>(EventKind.class);
        Map<EventKind, LoadedModel> candidates = new EnumMap<>(EventKind.class);
        for (EventKind kind : EventKind.values()) {
            LoadedModel model = models.current(kind).orElse(null);
            chosen.put(kind, model);
            candidates.put(kind, shadowOf(model, models.candidate(kind).orElse(null)));
        }
        log.record(BatchModelLog.Record.first(batchId, versions(chosen), versions(candidates), nowMicros));
        return new BatchStart(chosen, candidates, nowMicros);
    }

    private BatchStart replay(BatchModelLog.Record recorded, long nowMicros) {
        long batchId = recorded.batchId();
        int failed = recorded.attempts();
        Map<EventKind, LoadedModel> chosen = new EnumMap<>(EventKind.class);
        Map<EventKind, LoadedModel> candidates = new EnumMap<>(EventKind.class);
        Map<EventKind, Integer> replaced = new EnumMap<>(recorded.replaced());
        boolean replacedNow = false;
        for (EventKind kind : EventKind.values()) {
            Integer version = recorded.versions().get(kind);
            LoadedModel now = models.current(kind).orElse(null);
            if (ReplayRule.replaces(version, failed, now == null ? null : now.version(),
                    () -> eventsCommitted.test(kind, batchId))) {
                LOG.warn("ingest batch {} failed {} times with {} model v{}, which is no longer active: replaying it with"
                        + " v{} (recorded in the batch model log)", batchId, failed, kind, version, now.version());
                metrics.replayModelSwitched(kind);
                replaced.put(kind, version);
                replacedNow = true;
                chosen.put(kind, now);
            } else {
                chosen.put(kind, replayed(kind, version, batchId));
            }
            candidates.put(kind, shadowOf(chosen.get(kind), replayedCandidate(kind, recorded.candidates().get(kind), batchId)));
        }
        long readMicros = recorded.readMicros() < 0 ? nowMicros : recorded.readMicros();
        // the attempts count afresh with a new version: it gets as many tries as the one it replaced
        log.record(new BatchModelLog.Record(batchId, versions(chosen), versions(candidates), readMicros,
                replacedNow ? 1 : failed + 1, replaced));
        return new BatchStart(chosen, candidates, readMicros);
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

    /** The candidate that scored the batch's first attempt; none when it cannot be loaded any more. */
    private LoadedModel replayedCandidate(EventKind kind, Integer version, long batchId) {
        if (version == null) {
            return null;
        }
        try {
            return models.version(kind, version);
        } catch (Exception e) {
            LOG.warn("batch {} is replayed but its {} candidate v{} is gone ({}); no shadow scoring for it", batchId, kind,
                    version, e.getMessage());
            return null;
        }
    }

    /** A candidate is compared with an active model; beside none, or beside itself, there is nothing to compare. */
    private static LoadedModel shadowOf(LoadedModel active, LoadedModel candidate) {
        if (active == null || candidate == null || candidate.version() == active.version()) {
            return null;
        }
        return candidate;
    }

    private static Map<EventKind, Integer> versions(Map<EventKind, LoadedModel> models) {
        Map<EventKind, Integer> versions = new EnumMap<>(EventKind.class);
        models.forEach((kind, model) -> versions.put(kind, model == null ? null : model.version()));
        return versions;
    }
}

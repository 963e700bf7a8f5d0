package dev.stophack.streaming.scoring;

import dev.stophack.events.EventKind;
import org.apache.spark.ml.PipelineModel;

/**
 * A model version in memory, ready to score.
 *
 * @param kind    process or memory
 * @param version N of {@code v<N>}
 * @param uri     where it was loaded from
 * @param model   the fitted pipeline
 */
public record LoadedModel(EventKind kind, int version, String uri, PipelineModel model) {
    @Override
    public String toString() {
        return kind + " v" + version;
    }
}

package dev.stophack.streaming.scoring;

import dev.stophack.api.events.EventKind;
import dev.stophack.streaming.ingest.ParsedSchema;
import org.apache.spark.ml.PipelineModel;

/**
 * A model version in memory, ready to score.
 *
 * @param kind      process or memory
 * @param version   N of {@code v<N>}
 * @param uri       where it was loaded from
 * @param model     the fitted pipeline
 * @param rowScorer the pipeline as a function of a parsed row, or null when it has another shape
 *                  (then the batch is scored by {@link PipelineModel#transform})
 */
public record LoadedModel(EventKind kind, int version, String uri, PipelineModel model, RowScorer rowScorer) {

    /** Compiles {@code model} for the parsing tasks when it can. */
    public LoadedModel(EventKind kind, int version, String uri, PipelineModel model) {
        this(kind, version, uri, model, RowScorer.compile(model, ParsedSchema.SCHEMA).orElse(null));
    }

    /** The same model, scored only by transform. */
    public LoadedModel withoutRowScorer() {
        return new LoadedModel(kind, version, uri, model, null);
    }

    @Override
    public String toString() {
        return kind + " v" + version;
    }
}

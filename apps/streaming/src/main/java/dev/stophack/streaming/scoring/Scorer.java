package dev.stophack.streaming.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import dev.stophack.api.events.EventKind;
import dev.stophack.spark.EventFrames;
import dev.stophack.streaming.ingest.ParsedSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Scores readable events of one kind with one model version. The events go into the pipeline
 * whole (it picks the columns it was fitted on); what comes out is the event again plus
 * {@code prediction} (1.0 = attack), {@code p_attack} (the probability of class 1, when the
 * classifier gives one) and {@code model_version}. Whatever else the pipeline adds (features,
 * indexes, raw predictions) is left behind.
 */
public final class Scorer {
    public static final String PREDICTION = ParsedSchema.PREDICTION;
    public static final String P_ATTACK = ParsedSchema.P_ATTACK;
    public static final String MODEL_VERSION = ParsedSchema.MODEL_VERSION;
    static final String PROBABILITY = "probability";

    private Scorer() {
    }

    /** The columns of a scored (and persisted) event of {@code kind}, in order. */
    public static List<String> columns(EventKind kind) {
        List<String> names = new ArrayList<>(kind.columns());
        names.addAll(List.of(EventFrames.CMD_PID, ParsedSchema.EVENT_TIME, PREDICTION, P_ATTACK, MODEL_VERSION,
                ParsedSchema.KAFKA_PARTITION, ParsedSchema.KAFKA_OFFSET, ParsedSchema.DATE));
        return names;
    }

    /**
     * {@code events} (columns of {@link ParsedSchema#eventColumns}) scored by {@code model}, or
     * with null predictions when there is no model to score with.
     */
    public static Dataset<Row> score(Dataset<Row> events, EventKind kind, LoadedModel model) {
        if (model == null) {
            return events.select(select(kind, lit(null).cast("double"), lit(null).cast("double"), lit(null).cast("int")));
        }
        Dataset<Row> scored = model.model().transform(events);
        Column probability = Arrays.asList(scored.columns()).contains(PROBABILITY)
                ? element_at(org.apache.spark.ml.functions.vector_to_array(col(PROBABILITY), "float64"), 2)
                : lit(null).cast("double");
        return scored.select(select(kind, col(PREDICTION).cast("double"), probability, lit(model.version())));
    }

    /**
     * Parsed rows of {@code kind} that the parsing tasks already scored (see {@link RowScorer}),
     * in the same columns as {@link #score}.
     */
    public static Dataset<Row> scoredInTasks(Dataset<Row> parsed, EventKind kind) {
        List<Column> in = new ArrayList<>(Arrays.asList(ParsedSchema.eventColumns(kind)));
        in.addAll(List.of(col(PREDICTION), col(P_ATTACK), col(MODEL_VERSION)));
        return parsed.select(in.toArray(Column[]::new))
                .select(select(kind, col(PREDICTION), col(P_ATTACK), col(MODEL_VERSION)));
    }

    private static Column[] select(EventKind kind, Column prediction, Column probability, Column version) {
        List<Column> out = new ArrayList<>();
        for (String name : columns(kind)) {
            out.add(switch (name) {
                case PREDICTION -> prediction.as(PREDICTION);
                case P_ATTACK -> probability.as(P_ATTACK);
                case MODEL_VERSION -> version.as(MODEL_VERSION);
                default -> col(name);
            });
        }
        return out.toArray(Column[]::new);
    }
}

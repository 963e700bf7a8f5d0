package dev.stophack.training;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.ActivePointer;
import dev.stophack.config.S3Options;
import dev.stophack.console.CommandMain;
import dev.stophack.console.TextTable;
import dev.stophack.models.ModelStore;
import dev.stophack.models.StoredVersion;
import dev.stophack.spark.SparkSessions;
import dev.stophack.storage.Location;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stophack models list|activate}: thin commands over {@link ModelStore}, the one place that
 * reads and writes the model layout. {@code activate} loads the version with Spark first, so a
 * pointer never names a model the streaming job cannot load.
 */
@Command(name = "stophack models", mixinStandardHelpOptions = true,
        description = "Lists model versions, or makes one the ACTIVE version the streaming job scores with.",
        subcommands = {ModelsCommand.ListVersions.class, ModelsCommand.Activate.class})
public final class ModelsCommand implements Callable<Integer> {
    static final String MODELS_DEFAULT = "${env:STOPHACK_MODELS:-s3a://stophack/models}";

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "say list or activate");
    }

    /** {@code stophack models list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Every version of each model with its metrics; the ACTIVE one is marked.")
    static final class ListVersions implements Callable<Integer> {
        @Option(names = "--models", paramLabel = "DIR|s3a://BUCKET/models", defaultValue = MODELS_DEFAULT,
                description = "The model store (env STOPHACK_MODELS).")
        String models;

        @Mixin
        S3Options s3;

        PrintStream out = System.out;

        @Override
        public Integer call() throws IOException {
            ModelStore store = new ModelStore(Location.parse(models).open(s3));
            out.println("model store: " + models);
            out.print(table(store).render());
            return 0;
        }
    }

    /** The table of {@code models list}. */
    static TextTable table(ModelStore store) throws IOException {
        TextTable t = new TextTable("model", "version", "state", "algorithm", "accuracy", "precision", "recall", "F1", "AUC",
                "train rows", "trained at");
        for (EventKind kind : EventKind.values()) {
            Optional<ActivePointer> active = store.active(kind);
            List<StoredVersion> versions = store.versions(kind);
            if (versions.isEmpty()) {
                t.row(kind.id(), "-", "no versions", "", "", "", "", "", "", "", "");
            }
            for (StoredVersion v : versions) {
                boolean isActive = active.isPresent() && active.get().version() == v.version();
                String state = isActive ? "ACTIVE" : v.complete() ? "" : "incomplete";
                JsonNode m = v.metrics();
                t.row(kind.id(), "v" + v.version(), state, m == null ? "" : m.path("algorithm").asText(""),
                        metric(v, "accuracy"), metric(v, "precision"), metric(v, "recall"), metric(v, "f1"),
                        metric(v, "auc"), m == null ? "" : m.path("trainingRows").asText(""),
                        m == null ? "" : m.path("trainedAt").asText(""));
            }
        }
        return t;
    }

    private static String metric(StoredVersion v, String name) {
        double d = v.metric(name);
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.4f", d);
    }

    /** {@code stophack models activate process|memory VERSION}. */
    @Command(name = "activate", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Points models/<kind>/ACTIVE at a version, after checking that Spark can load it.")
    static final class Activate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "process|memory", description = "Which model.")
        String kind;

        @Parameters(index = "1", paramLabel = "VERSION", description = "The version: 3 or v3.")
        String version;

        @Option(names = "--reason", defaultValue = "activated by hand (stophack models activate)",
                description = "Why, recorded in the pointer.")
        String reason;

        @Option(names = "--models", paramLabel = "DIR|s3a://BUCKET/models", defaultValue = MODELS_DEFAULT,
                description = "The model store (env STOPHACK_MODELS).")
        String models;

        @Mixin
        S3Options s3;

        PrintStream out = System.out;
        /** A session to use and leave running (tests), or null to create and stop one. */
        SparkSession shared;

        @Override
        public Integer call() throws IOException {
            EventKind k = EventKind.of(kind);
            int n = StoredVersion.parseNumber(version);
            ModelStore store = new ModelStore(Location.parse(models).open(s3));
            StoredVersion v = store.version(k, n)
                    .orElseThrow(() -> new IllegalArgumentException("there is no " + k + " model v" + n + " in " + models));
            if (!v.complete()) {
                throw new IllegalArgumentException(k + " model v" + n + " is incomplete (no metrics.json)");
            }
            SparkSession spark = shared != null ? shared
                    : SparkSessions.create("stophack-models-activate", Location.parse(models).isS3() ? s3 : null, Map.of());
            try {
                checkLoads(spark, v);
            } finally {
                if (shared == null) {
                    spark.stop();
                }
            }
            ActivePointer pointer = store.activate(k, n, reason);
            out.printf(Locale.ROOT, "%s: ACTIVE -> v%d (%s)%n", k, pointer.version(), pointer.uri());
            return 0;
        }
    }

    /** Loads the version's PipelineModel; a model that does not load is refused with the reason. */
    static PipelineModel checkLoads(SparkSession spark, StoredVersion v) {
        try {
            return PipelineModel.load(v.modelUri());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(v.kind() + " model v" + v.version() + " does not load from "
                    + v.modelUri() + ": " + e.getMessage(), e);
        }
    }

    public static void main(String[] args) {
        System.exit(CommandMain.run(new ModelsCommand(), args));
    }
}

package dev.stophack.training;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.config.S3Options;
import dev.stophack.console.CommandMain;
import dev.stophack.console.TextTable;
import dev.stophack.generate.TelemetryGenerator;
import dev.stophack.models.ModelStore;
import dev.stophack.spark.ModelProbe;
import dev.stophack.spark.SparkSessions;
import dev.stophack.storage.Location;
import dev.stophack.training.console.StageLog;
import dev.stophack.training.evaluate.Algorithm;
import dev.stophack.training.kubernetes.ModelVersionClient;
import dev.stophack.training.kubernetes.ModelVersionResource;
import dev.stophack.training.publish.MetricsDocument;
import dev.stophack.training.publish.ReportWriter;
import dev.stophack.training.publish.VersionPublisher.Published;
import dev.stophack.training.publish.VersionPublisher;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stophack train}: fits the process and memory models on labelled TON_IoT-format CSVs and
 * writes each as a new version of the model store. The same main class runs as a
 * SparkApplication in Kubernetes, where it also creates the {@code ModelVersion} resources.
 */
@Command(name = "stophack train", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {
            "Trains the attack classifiers: load, clean, explore, split and rebalance to attack:normal = 1:2,",
            "select features, fit dt/gbt/rf pipelines, evaluate on the test split, and write a new model",
            "version (model/, metrics.json, roc.png, report.md) per kind. Never overwrites a version."})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR|s3a://BUCKET/PREFIX",
            description = "Where the labelled training CSVs are.")
    String data;

    @Option(names = "--models", paramLabel = "DIR|s3a://BUCKET/models",
            defaultValue = "${env:STOPHACK_MODELS:-s3a://stophack/models}",
            description = "The model store (env STOPHACK_MODELS).")
    String models;

    @Option(names = "--algorithm", paramLabel = "dt|gbt|rf|best", defaultValue = "best",
            description = "The classifier to publish; best fits dt, gbt and rf and keeps the highest F1, then AUC.")
    String algorithm;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the split, the rebalancing and the classifiers.")
    long seed;

    @Option(names = "--kinds", split = ",", paramLabel = "process|memory", defaultValue = "process,memory",
            description = "Which models to train.")
    List<String> kinds;

    @Option(names = "--process-file", paramLabel = "NAME", defaultValue = TelemetryGenerator.PROCESS_TRAIN,
            description = "File name of the process training data inside --data.")
    String processFile;

    @Option(names = "--memory-file", paramLabel = "NAME", defaultValue = TelemetryGenerator.MEMORY_TRAIN,
            description = "File name of the memory training data inside --data.")
    String memoryFile;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Share of rows held out for evaluation.")
    double testFraction;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "0",
            description = "Cross-validation folds of a small grid search per algorithm; 0 fits the defaults only.")
    int folds;

    @Option(names = "--gbt-iterations", paramLabel = "N", defaultValue = "30",
            description = "Boosting rounds of the GBT classifier.")
    int gbtIterations;

    @Option(names = "--register-model-version", negatable = true,
            description = "Create a ModelVersion resource per new version (default: when a Kubernetes service account is mounted).")
    Boolean register;

    @Option(names = "--namespace", paramLabel = "NS",
            description = "Namespace of the ModelVersion resources (default: the service account's).")
    String namespace;

    @Option(names = "--kubernetes-api", paramLabel = "URL", defaultValue = "https://kubernetes.default.svc",
            description = "The Kubernetes API server.")
    URI kubernetesApi;

    @Mixin
    S3Options s3;

    /**
     * Whole-stage code generation on, also on a shared session that had it off: the cleaning
     * projection is the one query that runs better without it, and TrainingJob plans that one
     * without it by itself. Cached frames uncompressed: compressing the cleaned 1M rows as the
     * cache fills cost about a second per kind (measured), and they hold mostly doubles, which
     * Spark's in-memory compression does not shrink anyway.
     */
    static final Map<String, String> SPARK_CONF = Map.of("spark.sql.codegen.wholeStage", "true",
            "spark.sql.inMemoryColumnarStorage.compressed", "false");

    /** The Spark settings training runs with (see {@link #SPARK_CONF}). */
    public static Map<String, String> sparkConf() {
        return SPARK_CONF;
    }

    private final PrintStream out;
    private final String[] args;
    private final SparkSession shared;

    public TrainCommand() {
        this(System.out, new String[0], null);
    }

    /** {@code shared}: a session to use and leave running (tests), or null to create and stop one. */
    TrainCommand(PrintStream out, String[] args, SparkSession shared) {
        this.out = out;
        this.args = args;
        this.shared = shared;
    }

    @Override
    public Integer call() throws Exception {
        TrainingSettings settings = settings();
        ModelStore store = new ModelStore(Location.parse(models).open(s3));
        boolean registerVersions = register != null ? register : Files.isDirectory(ModelVersionClient.SERVICE_ACCOUNT);
        ModelVersionClient kubernetes = registerVersions
                ? ModelVersionClient.fromServiceAccount(ModelVersionClient.SERVICE_ACCOUNT, kubernetesApi, namespace) : null;

        StageLog log = new StageLog(out);
        boolean usesS3 = Location.parse(data).isS3() || Location.parse(models).isS3();
        SparkSession spark = shared != null ? shared : SparkSessions.create("stophack-train", usesS3 ? s3 : null, SPARK_CONF);
        SPARK_CONF.forEach(spark.conf()::set); // also on a session that was already running
        List<TrainingJob.Trained> trained = new ArrayList<>();
        List<Published> published = new ArrayList<>();
        List<String> registrationErrors = new ArrayList<>();
        try {
            TrainingJob job = new TrainingJob(spark, settings, log);
            for (TrainingSettings.KindFile kindFile : settings.files()) {
                TrainingJob.Trained t = job.train(kindFile);
                Published p = VersionPublisher.publish(store, kindFile.kind(), t.model(), files(t, settings));
                log.done(kindFile.kind().id(), "publish v" + p.version(), -1, p.modelUri()
                        + (p.probe().passed() ? " (probe: " + p.probe().scored() + "/" + p.probe().rows() + " rows scored)"
                                : " (probe FAILED: " + p.probe().failure() + "; the rollout gate will refuse it)")
                        + (p.activated() ? " (ACTIVE: first version of an empty store)" : " (not activated)"));
                trained.add(t);
                published.add(p);
                if (kubernetes != null) {
                    try {
                        kubernetes.create(ModelVersionResource.body(p.kind(), p.version(), p.modelUri(),
                                t.outcome().chosen().algorithm().id(), t.outcome().chosen().confusion(),
                                t.outcome().chosen().auc(), t.outcome().trainedAt(), t.outcome().trainingRows()));
                        log.done(kindFile.kind().id(), "register", -1, "ModelVersion "
                                + ModelVersionResource.name(p.kind(), p.version()) + " in " + kubernetes.namespace());
                    } catch (IOException e) {
                        registrationErrors.add(e.getMessage());
                    }
                }
            }
        } finally {
            if (shared == null) {
                spark.stop();
            }
        }
        summary(trained, published, log);
        if (!registrationErrors.isEmpty()) {
            registrationErrors.forEach(e -> System.err.println("stophack train: model saved, but " + e));
            return 1;
        }
        return 0;
    }

    TrainingSettings settings() {
        List<TrainingSettings.KindFile> files = new ArrayList<>();
        for (String k : kinds) {
            EventKind kind = EventKind.of(k.strip());
            files.add(new TrainingSettings.KindFile(kind, kind == EventKind.PROCESS ? processFile : memoryFile));
        }
        boolean best = algorithm.equalsIgnoreCase("best");
        List<Algorithm> algorithms = best ? Algorithm.CANDIDATES : List.of(Algorithm.of(algorithm));
        String commandLine = "./stophack train " + String.join(" ", redacted(args));
        return new TrainingSettings(data, files, algorithms, best, seed, testFraction, folds, gbtIterations, commandLine);
    }

    static VersionPublisher.Files files(TrainingJob.Trained t, TrainingSettings settings) {
        return new VersionPublisher.Files() {
            @Override
            public Map<String, byte[]> extras(int version, String modelUri) {
                Map<String, byte[]> files = new LinkedHashMap<>(t.charts());
                files.put(S3Layout.REPORT, VersionPublisher.utf8(
                        ReportWriter.markdown(t.outcome(), version, modelUri, settings.commandLine(), settings.seed())));
                return files;
            }

            @Override
            public byte[] metrics(int version, String modelUri, ModelProbe.Result probe) {
                try {
                    return MetricsDocument.JSON.writeValueAsBytes(
                            MetricsDocument.of(t.outcome(), version, modelUri, settings.seed(), probe));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot write metrics.json", e);
                }
            }
        };
    }

    private void summary(List<TrainingJob.Trained> trained, List<Published> published, StageLog log) {
        TextTable all = null;
        for (TrainingJob.Trained t : trained) {
            TextTable table = ReportWriter.candidates(t.outcome());
            out.println();
            out.print(table.render());
            all = table;
        }
        if (all == null) {
            return;
        }
        out.println();
        for (Published p : published) {
            out.printf(Locale.ROOT, "%s v%d -> %s%s%n", p.kind().id(), p.version(), p.modelUri(),
                    p.activated() ? "  [ACTIVE]" : "");
        }
        out.printf(Locale.ROOT, "done in %.1f s%n", log.elapsedSeconds());
    }

    /** Flags whose value never goes into a report. */
    private static final List<String> HIDDEN = List.of("--secret-key", "--access-key");

    /** The keys never go into a report. */
    static List<String> redacted(String[] args) {
        List<String> out = new ArrayList<>();
        boolean hideNext = false;
        for (String a : args) {
            String flag = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (hideNext) {
                out.add("***");
                hideNext = false;
            } else if (HIDDEN.contains(flag) && a.contains("=")) {
                out.add(flag + "=***");
            } else {
                out.add(a);
                hideNext = HIDDEN.contains(a);
            }
        }
        return out;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(CommandMain.run(new TrainCommand(System.out, args, null), args));
    }
}

package dev.stophack.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.training.charts.Charts;
import dev.stophack.training.console.StageLog;
import dev.stophack.training.data.DataQuality;
import dev.stophack.training.data.LabelledEvents;
import dev.stophack.training.data.Rebalancer.ClassCounts;
import dev.stophack.training.data.Rebalancer;
import dev.stophack.training.data.TrainingFile;
import dev.stophack.training.evaluate.Algorithm;
import dev.stophack.training.evaluate.Candidate;
import dev.stophack.training.evaluate.CandidateChoice;
import dev.stophack.training.evaluate.RocCurve;
import dev.stophack.training.evaluate.TestEvaluation;
import dev.stophack.training.explore.Exploration;
import dev.stophack.training.features.FeatureSelection;
import dev.stophack.training.pipeline.Classifiers;
import dev.stophack.training.pipeline.ModelPipeline;
import dev.stophack.training.publish.ReportWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * One kind's training, start to end: load and check the CSV, clean it into the model input
 * contract, explore, split, rebalance, select features, fit every candidate, evaluate on the
 * test split and choose. Publishing is the caller's ({@link dev.stophack.training.publish.VersionPublisher}).
 */
public final class TrainingJob {
    private final SparkSession spark;
    private final TrainingSettings settings;
    private final StageLog log;

    public TrainingJob(SparkSession spark, TrainingSettings settings, StageLog log) {
        this.spark = spark;
        this.settings = settings;
        this.log = log;
    }

    public TrainingSettings settings() {
        return settings;
    }

    /** The outcome with the chosen fitted pipeline, and the charts of the report. */
    public record Trained(KindOutcome outcome, PipelineModel model, Map<String, byte[]> charts) {
    }

    /**
     * A kind's data ready to fit on: checked, cleaned, explored, split, rebalanced and its features
     * selected, the rebalanced splits cached until {@link #close()}.
     */
    public record Prepared(String uri, DataQuality quality, Exploration exploration, FeatureSelection selection,
                           Map<String, ClassCounts> steps, Dataset<Row> train, Dataset<Row> test, List<Dataset<Row>> cached)
            implements AutoCloseable {
        @Override
        public void close() {
            cached.forEach(Dataset::unpersist);
        }
    }

    public Prepared prepare(TrainingSettings.KindFile kindFile) throws IOException {
        EventKind kind = kindFile.kind();
        String scope = kind.id();
        String uri = settings.fileUri(kindFile);

        log.begin(scope, "load " + uri);
        TrainingFile file = TrainingFile.check(kind, uri, spark.sparkContext().hadoopConfiguration());
        Dataset<Row> raw = LabelledEvents.raw(spark, file);
        List<Dataset<Row>> cached = new ArrayList<>();
        try {
            // one read of the CSV, one normalisation: quality and training both use the cache
            Dataset<Row> annotated = withoutWholeStageCodegen(() -> cache(cached, DataQuality.annotate(file, raw)));
            // one job fills the cache and answers the quality, the class counts and the numeric summaries
            List<String> numericColumns = kind.numericColumns();
            List<Column> aggregates = new ArrayList<>(DataQuality.aggregates());
            int classesAt = aggregates.size();
            aggregates.add(sum(when(col(LabelledEvents.LABEL).equalTo(1.0), 1L).otherwise(0L)));
            aggregates.add(sum(when(col(LabelledEvents.LABEL).equalTo(0.0), 1L).otherwise(0L)));
            int numericAt = aggregates.size();
            aggregates.addAll(Exploration.numericAggregates(numericColumns));
            Row profile = withoutWholeStageCodegen(() -> annotated.agg(aggregates.get(0),
                    aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first());
            DataQuality quality = DataQuality.read(kind, profile, 0, annotated);
            log.done(scope, "load + clean", quality.rows(), quality.unreadable().isEmpty() ? "all values readable"
                    : "unreadable values in " + quality.unreadable().keySet());
            ClassCounts classes = new ClassCounts(profile.getLong(classesAt), profile.getLong(classesAt + 1));
            log.done(scope, "classes", classes.total(), classes.attacks() + " attack, " + classes.normals() + " normal");
            if (classes.attacks() == 0 || classes.normals() == 0) {
                throw new IllegalArgumentException(uri + ": column '" + EventKind.ATTACK
                        + "' needs both attack (1) and normal (0) rows, found " + classes.attacks() + " and "
                        + classes.normals());
            }
            Dataset<Row> labelled = annotated.filter(col(LabelledEvents.LABEL).isNotNull())
                    .drop(DataQuality.ROW_HASH, DataQuality.PROBLEMS);

            Exploration exploration = Exploration.of(kind, labelled, classes,
                    Exploration.numericSummaries(numericColumns, profile, numericAt, classes.total()), file.hasType());
            log.done(scope, "explore", classes.total(), "");

            Column isTest = isTest(settings.testFraction(), settings.seed());
            int partitions = Math.max(2, spark.sparkContext().defaultParallelism());
            // both splits' class counts and both cuts in two jobs, both splits cached and counted in a third
            Rebalancer.Rebalanced rebalanced = Rebalancer.rebalanceParts(labelled, isTest, settings.seed(), partitions);
            cache(cached, rebalanced.rows());
            // counted, not taken from the plan: this fills the cache and shows the cut is exact
            ClassCounts[] kept = rebalanced.counted();
            annotated.unpersist(); // both splits are cached
            Map<String, ClassCounts> steps = new LinkedHashMap<>();
            steps.put(KindOutcome.LABELLED, classes);
            steps.put(KindOutcome.TRAIN, rebalanced.present()[0]);
            steps.put(KindOutcome.TEST, rebalanced.present()[1]);
            steps.put(KindOutcome.TRAIN_REBALANCED, kept[0]);
            steps.put(KindOutcome.TEST_REBALANCED, kept[1]);
            Dataset<Row> train = rebalanced.part(0);
            Dataset<Row> test = rebalanced.part(1);
            log.done(scope, "split + rebalance", steps.get(KindOutcome.TRAIN_REBALANCED).total(),
                    "test " + steps.get(KindOutcome.TEST_REBALANCED).total() + " rows");
            if (steps.get(KindOutcome.TEST_REBALANCED).attacks() == 0 || steps.get(KindOutcome.TEST_REBALANCED).normals() == 0) {
                throw new IllegalArgumentException(uri + ": too few rows to hold out a test split with both classes");
            }
            FeatureSelection selection = FeatureSelection.select(kind.numericColumns(), Exploration.categoricalColumns(kind),
                    exploration, train, kept[0], settings.seed());
            log.done(scope, "select features", -1, "kept " + selection.features().columns());
            return new Prepared(uri, quality, exploration, selection, steps, train, test, cached);
        } catch (RuntimeException e) {
            cached.forEach(Dataset::unpersist);
            throw e;
        }
    }

    public Trained train(TrainingSettings.KindFile kindFile) throws IOException {
        EventKind kind = kindFile.kind();
        String scope = kind.id();
        try (Prepared prepared = prepare(kindFile)) {
            Map<String, ClassCounts> steps = prepared.steps();
            Dataset<Row> train = prepared.train();
            Dataset<Row> test = prepared.test();
            FeatureSelection selection = prepared.selection();

            Classifiers classifiers = new Classifiers(settings.gbtIterations(), settings.seed());
            List<Candidate> candidates = new ArrayList<>();
            Map<Candidate, PipelineModel> models = new LinkedHashMap<>();
            for (Algorithm algorithm : settings.algorithms()) {
                long started = System.nanoTime();
                Fitted fitted = fit(classifiers, algorithm, selection, train);
                double seconds = (System.nanoTime() - started) / 1e9;
                TestEvaluation evaluation = TestEvaluation.of(fitted.model(), test);
                Candidate candidate = new Candidate(algorithm, fitted.params(), evaluation.confusion(), evaluation.roc(), seconds);
                candidates.add(candidate);
                models.put(candidate, fitted.model());
                log.done(scope, "fit " + algorithm.id(), steps.get(KindOutcome.TRAIN_REBALANCED).total(),
                        String.format(Locale.ROOT, "F1 %.4f  AUC %.4f  %s", candidate.f1(), candidate.auc(), fitted.params()));
            }
            Candidate chosen = settings.chooseBest() ? CandidateChoice.best(candidates) : candidates.get(0);
            KindOutcome outcome = new KindOutcome(kind, prepared.uri(), prepared.quality(), prepared.exploration(), steps,
                    selection, candidates, chosen, Instant.now());
            Map<String, byte[]> charts = charts(outcome);
            log.done(scope, "charts", -1, "");
            return new Trained(outcome, models.get(chosen), charts);
        }
    }

    /** A fitted pipeline and the classifier parameters it ended up with. */
    record Fitted(PipelineModel model, Map<String, Object> params) {
    }

    @SuppressWarnings("rawtypes")
    Fitted fit(Classifiers classifiers, Algorithm algorithm, FeatureSelection selection, Dataset<Row> train) {
        ProbabilisticClassifier classifier = classifiers.create(algorithm);
        Pipeline pipeline = ModelPipeline.build(selection.features(), classifier);
        Map<String, Object> defaults = classifiers.defaults(algorithm);
        PipelineModel model;
        if (settings.folds() >= 2) {
            ParamMap[] grid = classifiers.grid(algorithm, classifier);
            CrossValidatorModel cv = new CrossValidator()
                    .setEstimator(pipeline)
                    .setEstimatorParamMaps(grid)
                    .setEvaluator(new MulticlassClassificationEvaluator()
                            .setLabelCol(ModelPipeline.label())
                            .setMetricName("fMeasureByLabel").setMetricLabel(1.0))
                    .setNumFolds(settings.folds())
                    .setParallelism(2)
                    .setSeed(settings.seed())
                    .fit(train);
            model = (PipelineModel) cv.bestModel();
        } else {
            model = pipeline.fit(train);
        }
        Transformer last = model.stages()[model.stages().length - 1];
        return new Fitted(model, Classifiers.paramsOf(last, defaults));
    }

    private Map<String, byte[]> charts(KindOutcome o) {
        String k = o.kind().id();
        Map<String, byte[]> charts = new LinkedHashMap<>();
        Map<String, RocCurve> curves = new LinkedHashMap<>();
        for (Candidate c : o.candidates()) {
            curves.put(c.algorithm().id() + (c == o.chosen() ? " (chosen)" : ""), c.roc());
        }
        charts.put(S3Layout.ROC, Charts.roc(k + ": ROC on the test split", curves));
        charts.put(ReportWriter.CLASS_BALANCE_PNG, Charts.classBalance(k + ": rows per class", o.steps()));
        charts.put(ReportWriter.DISTRIBUTIONS_PNG, Charts.distributions(k + ": numeric columns by class",
                o.exploration().histograms()));
        charts.put(ReportWriter.IMPORTANCES_PNG, Charts.importances(k + ": feature importance (selection fit)",
                o.selection().rankings(), o.selection().probe()));
        return charts;
    }

    /**
     * Whether a row belongs to the test split. It holds out whole processes (machine, PID), not
     * single rows: a process reports many nearly equal rows, and rows of one process on both sides
     * would let the test split flatter the model (measured: about 0.04 F1 above what fresh data
     * gives). Deterministic for a seed.
     */
    static Column isTest(double testFraction, long seed) {
        Column bucket = pmod(xxhash64(col(EventKind.MACHINE), col(EventKind.PID), lit(seed)), lit(10_000L));
        return bucket.lt(Math.round(testFraction * 10_000));
    }

    /**
     * Plans {@code query} without whole-stage code generation, for the two queries with well over a
     * hundred expressions (the cleaning projection and the aggregation that fills the cache): fused
     * into one method each is too large for the JIT compiler and runs interpreted (measured: the
     * cleaning pass of 1M rows in 11-20 s with, 8-11 s without). A cached query is planned when it is
     * cached, so this holds for the cache, and every other query keeps whole-stage code generation.
     */
    private <T> T withoutWholeStageCodegen(Supplier<T> query) {
        String key = "spark.sql.codegen.wholeStage";
        String before = spark.conf().get(key);
        spark.conf().set(key, "false");
        try {
            return query.get();
        } finally {
            spark.conf().set(key, before);
        }
    }

    private static Dataset<Row> cache(List<Dataset<Row>> cached, Dataset<Row> df) {
        Dataset<Row> c = df.persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(c);
        return c;
    }
}

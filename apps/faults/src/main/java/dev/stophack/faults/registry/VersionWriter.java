package dev.stophack.faults.registry;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.models.ModelStore;
import dev.stophack.spark.ModelProbe;
import dev.stophack.storage.BlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Adds model versions to a scenario's store as training does: the model saved under a claimed
 * version number, then {@code metrics.json} last, carrying the figures of an existing version
 * (so that only the probe can tell the two apart) and the result of scoring the probe set with
 * the saved model, which is what the rollout gate reads.
 */
public final class VersionWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final ModelStore store;
    private final BlobStore blobs;
    private final Path work;

    /**
     * {@code blobs}: the model store's own objects, for copying a version's files; {@code work}: a
     * local folder where models are saved and probed, so that the runner's Spark never needs the
     * scenario's S3 (its s3a settings belong to whichever scenario counts at the time).
     */
    public VersionWriter(SparkSession spark, ModelStore store, BlobStore blobs, Path work) {
        this.spark = spark;
        this.store = store;
        this.blobs = blobs;
        this.work = work;
    }

    /** A new version holding {@code like}'s model, unchanged: a retraining that came out the same. */
    public int copyOf(EventKind kind, int like) throws IOException {
        int n = store.claimNextVersion(kind);
        Path local = work.resolve(kind.id() + "-v" + n);
        String from = modelFolder(kind, like);
        List<String> keys = blobs.list(from);
        if (keys.isEmpty()) {
            throw new IllegalStateException(kind + " v" + like + " has no saved model to copy");
        }
        for (String key : keys) {
            Path file = local.resolve(key.substring(from.length()));
            Files.createDirectories(file.getParent());
            Files.write(file, blobs.get(key).orElseThrow());
        }
        publish(kind, n, local, like);
        return n;
    }

    /**
     * A new version whose pipeline fails on a blank {@code column}: its assembler reads the column
     * as it comes, with {@code handleInvalid=error} and no imputer before it, as a carelessly
     * built pipeline would. It scores complete events; a finished process's blank sizes stop it.
     */
    public int failingOnBlanks(EventKind kind, String column, int like) throws IOException {
        int n = store.claimNextVersion(kind);
        Path local = work.resolve(kind.id() + "-v" + n);
        fitFailingOnBlanks(kind, column).write().save(local.toUri().toString());
        publish(kind, n, local, like);
        return n;
    }

    private static String modelFolder(EventKind kind, int n) {
        return S3Layout.versionFolder(kind, n) + "/" + S3Layout.MODEL_DIR + "/";
    }

    /** Fits "column above 50 is an attack" on twenty normalised events, ten each side. */
    PipelineModel fitFailingOnBlanks(EventKind kind, String column) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            events.add(event(kind, column, 50.0 - i));
            events.add(event(kind, column, 50.0 + i));
        }
        Dataset<Row> training = spark.createDataFrame(rows(kind, events), ModelProbe.schema(kind))
                .withColumn("label", when(col(column).gt(50.0), 1.0).otherwise(0.0));
        return new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(new String[] {column}).setOutputCol("features").setHandleInvalid("error"),
            new DecisionTreeClassifier().setLabelCol("label").setFeaturesCol("features")}).fit(training);
    }

    private static Map<String, Object> event(EventKind kind, String column, double value) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put(EventKind.SEQUENCE, 1L);
        e.put(EventKind.MACHINE, 4);
        e.put(EventKind.PID, 100);
        kind.numericColumns().forEach(c -> e.put(c, 0.0));
        kind.categoricalColumns().forEach(c -> e.put(c, "N"));
        e.put(EventKind.CMD, "train");
        e.put(column, value);
        return e;
    }

    private static List<Row> rows(EventKind kind, List<Map<String, Object>> events) {
        StructType schema = ModelProbe.schema(kind);
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> e : events) {
            Object[] values = new Object[schema.fields().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = e.get(schema.fields()[i].name());
            }
            rows.add(RowFactory.create(values));
        }
        return rows;
    }

    /**
     * Uploads the model saved in {@code local} as version {@code n} (Hadoop's checksum files left
     * out, as a save to S3 has none), scores the probe set with it, and writes metrics.json last:
     * {@code like}'s figures, its own probe.
     */
    private void publish(EventKind kind, int n, Path local, int like) throws IOException {
        String to = modelFolder(kind, n);
        try (Stream<Path> files = Files.walk(local)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".crc"))
                    .toList()) {
                blobs.put(to + local.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        // the same bytes as the store now holds, read where the runner's Spark needs no S3 settings
        ModelProbe.Result probe = ModelProbe.run(spark, kind, PipelineModel.load(local.toUri().toString()));
        byte[] likeMetrics = store.getFile(kind, like, S3Layout.METRICS)
                .orElseThrow(() -> new IllegalStateException(kind + " v" + like + " has no metrics.json"));
        ObjectNode metrics = (ObjectNode) JSON.readTree(likeMetrics);
        metrics.put("version", n);
        metrics.put("uri", store.modelUri(kind, n));
        metrics.set("probe", JSON.valueToTree(probe.asMap()));
        store.putFile(kind, n, S3Layout.METRICS, JSON.writeValueAsBytes(metrics));
    }

    /** Whether version {@code n}'s metrics.json says it scored the whole probe set. */
    public boolean probePassed(EventKind kind, int n) throws IOException {
        return store.getFile(kind, n, S3Layout.METRICS).map(b -> {
            try {
                return JSON.readTree(b).path("probe").path("passed").asBoolean(false);
            } catch (IOException e) {
                return false;
            }
        }).orElse(false);
    }
}

package dev.stophack.training.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stophack.spark.ModelProbe;
import dev.stophack.training.KindOutcome;
import dev.stophack.training.data.Rebalancer.ClassCounts;
import dev.stophack.training.evaluate.Candidate;
import dev.stophack.training.evaluate.ConfusionMatrix;
import dev.stophack.training.evaluate.RocCurve;
import dev.stophack.training.features.FeatureRanking;
import dev.stophack.training.pipeline.ModelPipeline;
import java.util.Map;

/**
 * {@code metrics.json} of a model version: the chosen model's test metrics (under
 * {@code metrics}, as ModelVersion reads them), its confusion matrix, the probe result (under
 * {@code probe}, as the rollout gate reads it), algorithm and parameters,
 * the rows and data fingerprint, when it was trained, the columns it reads and writes, and every
 * candidate's metrics.
 */
public final class MetricsDocument {
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final int ROC_POINTS = 50;

    private MetricsDocument() {
    }

    public static ObjectNode of(KindOutcome o, int version, String modelUri, long seed, ModelProbe.Result probe) {
        Candidate c = o.chosen();
        ObjectNode root = JSON.createObjectNode();
        root.put("model", o.kind().id());
        root.put("version", version);
        root.put("uri", modelUri);
        root.put("algorithm", c.algorithm().id());
        root.set("params", JSON.valueToTree(c.params()));
        root.set("metrics", metrics(c));
        root.set("confusionMatrix", confusion(c.confusion()));
        root.set("probe", JSON.valueToTree(probe.asMap()));
        root.put("trainedAt", o.trainedAt().toString());
        root.put("trainingRows", o.trainingRows());
        root.put("testRows", o.steps().get(KindOutcome.TEST_REBALANCED).total());
        ObjectNode rows = root.putObject("rows");
        rows.put("read", o.quality().rows());
        rows.put("unlabelled", o.quality().badLabels());
        for (Map.Entry<String, ClassCounts> e : o.steps().entrySet()) {
            ObjectNode step = rows.putObject(e.getKey());
            step.put("attack", e.getValue().attacks());
            step.put("normal", e.getValue().normals());
        }
        ObjectNode data = root.putObject("data");
        data.put("file", o.fileUri());
        data.put("fingerprint", o.quality().fingerprint());
        data.put("seed", seed);
        root.set("unreadableValues", JSON.valueToTree(o.quality().unreadable()));
        ArrayNode inputs = root.putArray("inputColumns");
        o.selection().features().columns().forEach(inputs::add);
        ObjectNode features = root.putObject("features");
        for (FeatureRanking r : o.selection().rankings()) {
            ObjectNode f = features.putObject(r.column());
            number(f, "importance", r.importance());
            f.put("kept", r.kept());
        }
        ObjectNode output = root.putObject("output");
        output.put(ModelPipeline.PREDICTION, "double: 1.0 attack, 0.0 normal");
        output.put(ModelPipeline.PROBABILITY, "vector [P(normal), P(attack)]");
        ArrayNode roc = root.putArray("roc");
        for (RocCurve.Point p : c.roc().thinned(ROC_POINTS)) {
            roc.addArray().add(round(p.falsePositiveRate())).add(round(p.truePositiveRate()));
        }
        ArrayNode candidates = root.putArray("candidates");
        for (Candidate other : o.candidates()) {
            ObjectNode n = candidates.addObject();
            n.put("algorithm", other.algorithm().id());
            n.set("params", JSON.valueToTree(other.params()));
            n.set("metrics", metrics(other));
            n.set("confusionMatrix", confusion(other.confusion()));
            number(n, "fitSeconds", other.fitSeconds());
            n.put("chosen", other == c);
        }
        return root;
    }

    static ObjectNode metrics(Candidate c) {
        ObjectNode m = JSON.createObjectNode();
        number(m, "accuracy", c.confusion().accuracy());
        number(m, "precision", c.confusion().precision());
        number(m, "recall", c.confusion().recall());
        number(m, "f1", c.f1());
        number(m, "auc", c.auc());
        return m;
    }

    static ObjectNode confusion(ConfusionMatrix m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("truePositives", m.truePositives());
        n.put("falsePositives", m.falsePositives());
        n.put("trueNegatives", m.trueNegatives());
        n.put("falseNegatives", m.falseNegatives());
        return n;
    }

    static void number(ObjectNode node, String name, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            node.putNull(name);
        } else {
            node.put(name, v);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e5) / 1e5;
    }
}

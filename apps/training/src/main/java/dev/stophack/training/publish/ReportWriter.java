package dev.stophack.training.publish;

import dev.stophack.console.TextTable;
import dev.stophack.training.KindOutcome;
import dev.stophack.training.data.Rebalancer.ClassCounts;
import dev.stophack.training.evaluate.Candidate;
import dev.stophack.training.evaluate.ConfusionMatrix;
import dev.stophack.training.explore.CategorySummary;
import dev.stophack.training.explore.ColumnSummary;
import dev.stophack.training.features.FeatureRanking;
import dev.stophack.training.features.FeatureSelection;
import dev.stophack.training.pipeline.ModelPipeline;
import java.util.Locale;
import java.util.Map;

/** {@code report.md} of a model version: what the data looked like, what was chosen and why. */
public final class ReportWriter {
    public static final String CLASS_BALANCE_PNG = "class-balance.png";
    public static final String DISTRIBUTIONS_PNG = "distributions.png";
    public static final String IMPORTANCES_PNG = "importances.png";

    private ReportWriter() {
    }

    public static String markdown(KindOutcome o, int version, String modelUri, String commandLine, long seed) {
        StringBuilder md = new StringBuilder();
        Candidate c = o.chosen();
        md.append("# ").append(o.kind().id()).append(" model v").append(version).append("\n\n");
        md.append("- trained at: ").append(o.trainedAt()).append('\n');
        md.append("- algorithm: ").append(c.algorithm().title()).append(" `").append(c.params()).append("`\n");
        md.append("- model: `").append(modelUri).append("`\n");
        md.append("- data: `").append(o.fileUri()).append("` (").append(o.quality().fingerprint()).append(")\n");
        md.append("- seed: ").append(seed).append('\n');
        md.append("- command: `").append(commandLine).append("`\n\n");

        md.append("## Result on the test split (attack:normal = 1:2)\n\n");
        md.append(candidates(o).markdown()).append('\n');
        ConfusionMatrix m = c.confusion();
        md.append("Confusion matrix of the chosen model (").append(c.algorithm().id()).append("):\n\n");
        md.append(new TextTable("", "predicted attack", "predicted normal")
                .row("**attack**", m.truePositives(), m.falseNegatives())
                .row("**normal**", m.falsePositives(), m.trueNegatives()).markdown()).append('\n');
        md.append("Chosen by ").append(o.candidates().size() > 1 ? "F1 on the attack class, then AUC." : "the command line.")
          .append("\n\n![ROC curve](roc.png)\n\n");

        md.append("## Data\n\n");
        md.append(String.format(Locale.ROOT, "%,d rows read; %,d without a readable label (left out).%n%n",
                o.quality().rows(), o.quality().badLabels()));
        TextTable unreadable = new TextTable("column", "reason", "values");
        o.quality().unreadable().forEach((col, reasons) -> reasons.forEach((r, n) -> unreadable.row(col, r, n)));
        md.append(unreadable.size() == 0 ? "Every numeric value was readable.\n\n"
                : "Unreadable values (null in the model input; the pipeline imputes the training median):\n\n"
                  + unreadable.markdown() + "\n");

        md.append("## Classes\n\n");
        TextTable steps = new TextTable("step", "attack", "normal", "attack share");
        for (Map.Entry<String, ClassCounts> e : o.steps().entrySet()) {
            ClassCounts cc = e.getValue();
            steps.row(e.getKey(), cc.attacks(), cc.normals(), pct(cc.attacks(), cc.total()));
        }
        md.append(steps.markdown()).append('\n');
        if (!o.exploration().types().isEmpty()) {
            TextTable types = new TextTable("type", "rows");
            o.exploration().types().forEach(types::row);
            md.append(types.markdown()).append('\n');
        }
        md.append("![class balance](").append(CLASS_BALANCE_PNG).append(")\n\n");

        md.append("## Numeric columns\n\n");
        TextTable numeric = new TextTable("column", "values", "nulls", "mean", "stddev", "min", "max", "mean attack",
                "mean normal");
        for (ColumnSummary s : o.exploration().numeric()) {
            numeric.row(s.column(), s.values(), s.nulls(), num(s.mean()), num(s.stddev()), num(s.min()), num(s.max()),
                    num(s.meanAttack()), num(s.meanNormal()));
        }
        md.append(numeric.markdown()).append('\n');
        md.append("![distributions by class](").append(DISTRIBUTIONS_PNG).append(")\n\n");

        md.append("## Categorical columns and commands\n\n");
        for (CategorySummary s : o.exploration().categories()) {
            md.append(String.format(Locale.ROOT, "**%s**: %,d distinct values, %,d nulls. Most frequent:%n%n",
                    s.column(), s.distinct(), s.nulls()));
            TextTable top = new TextTable("value", "attack", "normal", "attack share");
            for (CategorySummary.ValueCount v : s.top()) {
                top.row("`" + v.value() + "`", v.attacks(), v.normals(), pct(v.attacks(), v.total()));
            }
            md.append(top.markdown()).append('\n');
        }

        md.append("## Feature selection\n\n");
        md.append(String.format(Locale.ROOT, "A random forest (20 trees, depth 8, about %,d training rows at attack:normal 1:2) was fitted on every candidate column"
                + " plus a column of random noise. Columns that did not beat the noise (importance %.4f) were dropped.%n%n",
                FeatureSelection.MAX_ROWS, o.selection().probe()));
        TextTable features = new TextTable("column", "importance", "kept", "why");
        for (FeatureRanking r : o.selection().rankings()) {
            features.row(r.column(), Double.isNaN(r.importance()) ? "-" : String.format(Locale.ROOT, "%.4f", r.importance()),
                    r.kept() ? "yes" : "no", r.reason());
        }
        md.append(features.markdown()).append('\n');
        md.append("![feature importances](").append(IMPORTANCES_PNG).append(")\n\n");

        md.append("## Model contract\n\n");
        md.append("The PipelineModel reads these columns of `EventFrames.normalise(...)` output: `")
          .append(String.join("`, `", o.selection().features().columns())).append("`. ");
        md.append("Nulls in numeric columns get the training median; unseen or null categories get their own slot. ");
        md.append("It adds `").append(ModelPipeline.PREDICTION).append("` (1.0 attack, 0.0 normal) and `")
          .append(ModelPipeline.PROBABILITY).append("` ([P(normal), P(attack)]), plus intermediate columns")
          .append(" (`*_filled`, `*_idx`, `*_vec`, `features_raw`, `features`, `rawPrediction`).\n");
        return md.toString();
    }

    /** The candidates' metrics, the chosen one marked; also printed on the console. */
    public static TextTable candidates(KindOutcome o) {
        TextTable t = new TextTable("model", "algorithm", "accuracy", "precision", "recall", "F1", "AUC", "fit s", "chosen");
        for (Candidate c : o.candidates()) {
            ConfusionMatrix m = c.confusion();
            t.row(o.kind().id(), c.algorithm().id(), num4(m.accuracy()), num4(m.precision()), num4(m.recall()),
                    num4(c.f1()), num4(c.auc()), String.format(Locale.ROOT, "%.1f", c.fitSeconds()),
                    c == o.chosen() ? "*" : "");
        }
        return t;
    }

    static String num4(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        return a != 0 && (a >= 1e6 || a < 1e-3) ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    static String pct(long part, long total) {
        return total == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / total);
    }
}

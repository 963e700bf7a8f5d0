package dev.stophack.training.bench;

import dev.stophack.api.events.EventKind;
import dev.stophack.console.TextTable;
import dev.stophack.generate.TelemetryGenerator;
import dev.stophack.spark.EventFrames;
import dev.stophack.spark.SparkSessions;
import dev.stophack.training.data.DataQuality;
import dev.stophack.training.data.LabelledEvents;
import dev.stophack.training.data.TrainingFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The cleaning pass alone on generated data in {@code local[2]}: the CSV read alone, the read plus
 * {@code EventFrames.normalise}, and the training job's version of it ({@code DataQuality.annotate}:
 * normalise, label, row hash, reasons of unreadable values), each written to Spark's {@code noop}
 * sink so that every column is computed and nothing is stored. Prints figures; asserts nothing.
 *
 * <p>Run like {@link TrainingBenchmark}: {@code ... dev.stophack.training.bench.CleaningBenchmark
 * [ROWS] [WHOLE_STAGE true|false] [DATA_DIR]}.
 */
public final class CleaningBenchmark {
    private CleaningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        String wholeStage = args.length > 1 ? args[1] : "true";
        Path data = Path.of(args.length > 2 ? args[2] : "target/bench-data-" + rows);
        if (!Files.exists(data.resolve(TelemetryGenerator.MEMORY_TRAIN))) {
            // the same data as TrainingBenchmark
            new TelemetryGenerator(new TelemetryGenerator.Options(List.of(4, 5, 6, 7, 8), rows, 0, 42)).writeAll(data, false);
        }
        SparkSession spark = SparkSessions.create("cleaning-benchmark", null,
                Map.of("spark.sql.codegen.wholeStage", wholeStage));
        TextTable table = new TextTable("kind", "rows", "read s", "read + normalise s", "wall us/row", "read + annotate s", "wall us/row");
        try {
            for (EventKind kind : EventKind.values()) {
                String file = data.resolve(kind == EventKind.PROCESS ? TelemetryGenerator.PROCESS_TRAIN
                        : TelemetryGenerator.MEMORY_TRAIN).toString();
                TrainingFile checked = TrainingFile.check(kind, file, spark.sparkContext().hadoopConfiguration());
                // the first read warms the page cache for the others and is the floor: parsing the CSV alone
                LabelledEvents.raw(spark, checked).write().format("noop").mode("overwrite").save();
                double read = seconds(LabelledEvents.raw(spark, checked));
                double normalise = seconds(EventFrames.normalise(kind, LabelledEvents.raw(spark, checked)));
                double annotate = seconds(DataQuality.annotate(checked, LabelledEvents.raw(spark, checked)));
                // two cores work on it: CPU time per row is about twice the wall time per row
                table.row(kind.id(), rows, f(read), f(normalise), f(normalise * 1e6 / rows), f(annotate), f(annotate * 1e6 / rows));
            }
        } finally {
            spark.stop();
        }
        System.out.println();
        System.out.println("Cleaning pass, local[2], spark.sql.codegen.wholeStage=" + wholeStage + ":");
        System.out.print(table.markdown());
    }

    private static double seconds(Dataset<Row> df) {
        long started = System.nanoTime();
        df.write().format("noop").mode("overwrite").save();
        return (System.nanoTime() - started) / 1e9;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}

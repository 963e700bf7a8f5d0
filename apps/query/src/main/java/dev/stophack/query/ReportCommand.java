package dev.stophack.query;

import dev.stophack.config.S3Options;
import dev.stophack.console.CommandMain;
import dev.stophack.query.data.DataRoot;
import dev.stophack.query.data.TableCatalog;
import dev.stophack.query.report.ReportCharts;
import dev.stophack.query.report.ReportData;
import dev.stophack.query.report.ReportPage;
import dev.stophack.query.report.ReportPage.Chart;
import dev.stophack.query.sql.QueryEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stophack report}: PNG charts of what the pipeline wrote, and a Markdown page with them. */
@Command(name = "stophack report", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {
            "Draws what the pipeline wrote as PNG charts: potential attacks per machine",
            "over time, detected attacks over time, events per machine, dead letters by",
            "reason, and which model version scored when; and report.md, which shows",
            "them under a table of the key figures."})
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report",
            description = "The folder to write the charts and report.md to (created when missing).")
    Path out;

    @Option(names = "--data", paramLabel = "DIR|s3a://BUCKET[/PREFIX]",
            description = "Where the outputs are: the root of events/, attacks/, deadletter/ and models/ (the streaming"
                    + " job's --output). Default: s3a://BUCKET on --s3-endpoint.")
    String data;

    @Mixin
    S3Options s3 = new S3Options();

    PrintStream stdout = System.out;
    PrintStream err = System.err;
    /** Makes the Spark session for a data root; tests give their own. */
    Function<DataRoot, Supplier<SparkSession>> sessions = root -> QuerySessions.forRoot("stophack-report", root, s3);

    public static void main(String[] args) {
        System.exit(CommandMain.run(new ReportCommand(), args));
    }

    @Override
    public Integer call() throws IOException {
        try {
            DataRoot root = DataRoot.of(data, s3);
            root.check(s3);
            QueryEngine engine = new QueryEngine(sessions.apply(root), new TableCatalog(root));
            ReportData d = ReportData.read(engine);
            Map<Chart, byte[]> charts = new LinkedHashMap<>();
            charts.put(new Chart("potential-attacks.png", "Potential attacks per machine",
                    "Distinct commands (CMD_PID) predicted as attack per machine, from the final 2-minute window"
                            + " counts in `potential_attacks`, stacked per machine."),
                    ReportCharts.potentialAttacks(d.potential, d.machines, d.bucket));
            charts.put(new Chart("detected-attacks.png", "Detected attacks over time",
                    "Rows of `detected_attacks` (a process and a memory attack of one CMD_PID less than 30 s apart)"
                            + " by the process event's time, stacked per machine."),
                    ReportCharts.detectedAttacks(d.detected, d.machines, d.bucket));
            charts.put(new Chart("events-per-machine.png", "Events per machine",
                    "Rows of `process_events` and `memory_events` per machine."),
                    ReportCharts.eventsPerMachine(d.events));
            charts.put(new Chart("dead-letters.png", "Dead letters by reason",
                    "Rows of `deadletter` per reason code (the part of `reason` before the colon) and source topic."),
                    ReportCharts.deadLetters(d.deadLetters));
            charts.put(new Chart("model-versions.png", "Which model version scored when",
                    "Per time bucket, the `model_version` that scored most of each model's events (a gap: unscored),"
                            + " with the rollout decisions of `model_history` as points."),
                    ReportCharts.modelVersions(d.versions, d.decisions, d.bucket));

            Files.createDirectories(out);
            List<Path> written = new ArrayList<>();
            for (Map.Entry<Chart, byte[]> c : charts.entrySet()) {
                written.add(Files.write(out.resolve(c.getKey().file()), c.getValue()));
            }
            String page = ReportPage.markdown(root.uri(), Instant.now(), d.figures, List.copyOf(charts.keySet()));
            written.add(Files.writeString(out.resolve("report.md"), page, StandardCharsets.UTF_8));
            stdout.println("report of " + root.uri() + ":");
            for (Path p : written) {
                stdout.println("  " + p + "  (" + Files.size(p) + " bytes)");
            }
            return 0;
        } catch (QueryError e) {
            err.println("stophack report: " + e.getMessage());
            if (Boolean.getBoolean("stophack.debug")) {
                e.printStackTrace(err);
            }
            return CommandMain.USAGE;
        }
    }
}

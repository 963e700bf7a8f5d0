package dev.stophack.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.console.CommandMain;
import dev.stophack.models.ModelStore;
import dev.stophack.models.StoredVersion;
import dev.stophack.spark.EventFrames;
import dev.stophack.storage.LocalBlobStore;
import dev.stophack.training.publish.VersionPublisher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code stophack train} and {@code stophack models} end to end on generated data in a local
 * model store: versions, files, the ACTIVE rule, the summary, and the saved pipeline scoring raw
 * events the way the streaming job will.
 */
class TrainCommandTest {
    static SparkSession spark;

    @TempDir
    static Path tmp;

    static Path data;
    static Path models;
    static String firstRunOutput;
    static int firstRunExit;

    @BeforeAll
    static void trainOnce() throws Exception {
        spark = TestData.spark();
        data = TestData.generate(tmp.resolve("data"), 3000, 1);
        models = tmp.resolve("models");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = {"--data", data.toString(), "--models", models.toString(), "--algorithm", "best",
            "--gbt-iterations", "5", "--seed", "3"};
        firstRunExit = CommandMain.run(new TrainCommand(new PrintStream(out, true, StandardCharsets.UTF_8), args, spark), args);
        firstRunOutput = out.toString(StandardCharsets.UTF_8);
        System.out.print(firstRunOutput); // the stage log, into the test's output file
    }

    private static Result train(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = CommandMain.run(new TrainCommand(new PrintStream(out, true, StandardCharsets.UTF_8), args, spark), args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }

    record Result(int code, String out, String err) {
    }

    private static JsonNode metrics(EventKind kind, int n) throws Exception {
        return new ObjectMapper().readTree(Files.readAllBytes(models.resolve(kind.id() + "/v" + n + "/" + S3Layout.METRICS)));
    }

    @Test
    void writesAFirstVersionOfEachKindAndActivatesIt() throws Exception {
        assertThat(firstRunExit).as(firstRunOutput).isZero();
        ModelStore store = new ModelStore(new LocalBlobStore(models));
        for (EventKind kind : EventKind.values()) {
            Path v1 = models.resolve(kind.id() + "/v1");
            assertThat(v1.resolve("model/metadata")).isDirectory();
            assertThat(v1.resolve(S3Layout.ROC)).isRegularFile();
            assertThat(v1.resolve(S3Layout.REPORT)).isRegularFile();
            assertThat(v1.resolve("importances.png")).isRegularFile();
            assertThat(store.active(kind)).get().extracting(p -> p.version()).isEqualTo(1);
            assertThat(store.active(kind).get().reason()).isEqualTo(VersionPublisher.FIRST_TRAINING);
            // the saved model scored the whole probe set: the rollout gate reads this
            assertThat(metrics(kind, 1).path("probe").path("passed").asBoolean()).isTrue();
            assertThat(metrics(kind, 1).path("probe").path("scored").asLong())
                    .isEqualTo(metrics(kind, 1).path("probe").path("rows").asLong()).isPositive();

            JsonNode m = metrics(kind, 1);
            assertThat(m.path("model").asText()).isEqualTo(kind.id());
            assertThat(m.path("algorithm").asText()).isIn("dt", "gbt", "rf");
            assertThat(m.path("candidates")).hasSize(3);
            double f1 = m.path("metrics").path("f1").asDouble();
            assertThat(f1).isBetween(0.3, 1.0);
            for (JsonNode c : m.path("candidates")) {
                assertThat(c.path("metrics").path("f1").asDouble()).as("the chosen one has the best F1").isLessThanOrEqualTo(f1);
            }
            JsonNode cm = m.path("confusionMatrix");
            long tested = cm.path("truePositives").asLong() + cm.path("falsePositives").asLong()
                    + cm.path("trueNegatives").asLong() + cm.path("falseNegatives").asLong();
            assertThat(tested).isEqualTo(m.path("testRows").asLong());
            JsonNode train = m.path("rows").path("train 1:2");
            assertThat(train.path("normal").asLong()).as("1:2 exactly").isEqualTo(2 * train.path("attack").asLong());
            assertThat(m.path("trainingRows").asLong()).isEqualTo(3 * train.path("attack").asLong());
            assertThat(m.path("data").path("fingerprint").asText()).startsWith("sha256:");
            assertThat(m.path("trainedAt").asText()).isNotEmpty();
            assertThat(m.path("inputColumns")).isNotEmpty();
            String report = Files.readString(models.resolve(kind.id() + "/v1/report.md"));
            assertThat(report).contains("## Feature selection").contains("## Result on the test split")
                    .contains("![ROC curve](roc.png)").contains("--algorithm best");
        }
        assertThat(firstRunOutput).contains("[process] load + clean").contains("[memory] fit gbt")
                .contains("model    algorithm").contains("process v1 -> ").contains("[ACTIVE]");
    }

    @Test
    void laterTrainingsGetTheNextVersionWithoutActivatingIt() throws Exception {
        byte[] before = Files.readAllBytes(models.resolve("memory/v1/" + S3Layout.METRICS));
        Result second = train("--data", data.toString(), "--models", models.toString(), "--algorithm", "dt",
                "--kinds", "memory", "--seed", "4");
        assertThat(second.code()).as(second.out() + second.err()).isZero();
        ModelStore store = new ModelStore(new LocalBlobStore(models));
        List<StoredVersion> versions = store.versions(EventKind.MEMORY);
        assertThat(versions).extracting(StoredVersion::version).contains(1, 2);
        assertThat(metrics(EventKind.MEMORY, 2).path("algorithm").asText()).isEqualTo("dt");
        assertThat(metrics(EventKind.MEMORY, 2).path("candidates")).hasSize(1);
        assertThat(Files.readAllBytes(models.resolve("memory/v1/" + S3Layout.METRICS))).as("v1 untouched").isEqualTo(before);
        assertThat(store.active(EventKind.MEMORY).get().version()).as("promotion is a decision").isEqualTo(1);
        assertThat(second.out()).contains("(not activated)");

        // models list shows both, activate checks the model loads and moves the pointer
        ByteArrayOutputStream listed = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new ModelsCommand());
        ((ModelsCommand.ListVersions) cli.getSubcommands().get("list").getCommand()).out =
                new PrintStream(listed, true, StandardCharsets.UTF_8);
        assertThat(cli.execute("list", "--models", models.toString())).isZero();
        String table = listed.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("memory   v1").contains("memory   v2").contains("ACTIVE").contains("process  v1");

        CommandLine activate = new CommandLine(new ModelsCommand());
        ModelsCommand.Activate command = (ModelsCommand.Activate) activate.getSubcommands().get("activate").getCommand();
        command.shared = spark;
        command.out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(activate.execute("activate", "memory", "v2", "--models", models.toString())).isZero();
        assertThat(store.active(EventKind.MEMORY).get().version()).isEqualTo(2);
        assertThat(store.active(EventKind.MEMORY).get().reason()).contains("by hand");
    }

    @Test
    void activateRefusesAVersionThatIsMissingOrDoesNotLoad() throws Exception {
        ModelStore store = new ModelStore(new LocalBlobStore(models));
        int activeBefore = store.active(EventKind.PROCESS).get().version();
        assertThat(CommandMain.run(new ModelsCommand(), "activate", "process", "9", "--models", models.toString()))
                .isEqualTo(CommandMain.USAGE);
        // a complete-looking version whose model files are garbage
        Path broken = models.resolve("process/v50");
        Files.createDirectories(broken.resolve("model/metadata"));
        Files.writeString(broken.resolve("model/metadata/part-00000"), "not a pipeline");
        Files.writeString(broken.resolve(S3Layout.METRICS), "{\"metrics\":{\"f1\":0.9}}");
        CommandLine activate = new CommandLine(new ModelsCommand());
        ModelsCommand.Activate command = (ModelsCommand.Activate) activate.getSubcommands().get("activate").getCommand();
        command.shared = spark;
        int code = activate.execute("activate", "process", "50", "--models", models.toString());
        assertThat(code).isNotZero();
        assertThat(store.active(EventKind.PROCESS).get().version()).isEqualTo(activeBefore);
        deleteTree(broken);
    }

    @Test
    void theSavedPipelineScoresRawEventsWithNullsAndUnseenCategories() {
        String processUri = new ModelStore(new LocalBlobStore(models)).modelUri(EventKind.PROCESS, 1);
        PipelineModel model = PipelineModel.load(processUri);
        // raw values as Kafka carries them: no label, unreadable numbers, categories never seen in training
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", EventKind.PROCESS.columns()));
        lines.add("1,4,100,1,3,0,norm,0,120,0,1,--,0,S,0.5,sshd");
        lines.add("2,4,101,-,x,,weird,0,OVFLOW,0,1,??,0,Q,,never-seen-command");
        lines.add("3,5,102,9,40,0,fifo,0,50,49,1,N-,0,R,88,hping3");
        Dataset<Row> raw = spark.read().option("header", "true")
                .csv(spark.createDataset(lines, Encoders.STRING()));
        Dataset<Row> scored = model.transform(EventFrames.normalise(EventKind.PROCESS, raw));
        List<Row> rows = scored.select("sequence", "prediction", "probability").orderBy("sequence").collectAsList();
        assertThat(rows).hasSize(3);
        for (Row r : rows) {
            assertThat(r.getDouble(1)).isIn(0.0, 1.0);
            Vector p = r.getAs(2);
            assertThat(p.size()).isEqualTo(2);
            assertThat(p.apply(0) + p.apply(1)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void badDataIsAOneLineErrorWithExitCodeTwo() throws Exception {
        Result missing = train("--data", tmp.resolve("nowhere").toString(), "--models", tmp.resolve("m2").toString());
        assertThat(missing.code()).isEqualTo(CommandMain.USAGE);
        assertThat(missing.err()).contains("linux_process_train.csv").contains("no such file");
        assertThat(missing.err().strip().lines().count()).isEqualTo(1);

        Path bad = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(bad.resolve("linux_memory_train.csv"), "sequence,machine,PID,MINFLT,attack\n1,4,5,6,0\n");
        Result noColumn = train("--data", bad.toString(), "--models", tmp.resolve("m2").toString(), "--kinds", "memory");
        assertThat(noColumn.code()).isEqualTo(CommandMain.USAGE);
        assertThat(noColumn.err()).contains("linux_memory_train.csv").contains("'MAJFLT'");

        Files.writeString(bad.resolve("linux_process_train.csv"), "");
        Result empty = train("--data", bad.toString(), "--models", tmp.resolve("m2").toString(), "--kinds", "process");
        assertThat(empty.code()).isEqualTo(CommandMain.USAGE);
        assertThat(empty.err()).contains("linux_process_train.csv").contains("empty");
        assertThat(tmp.resolve("m2")).doesNotExist();
    }

    @Test
    void theKeysNeverReachTheReport() {
        assertThat(TrainCommand.redacted(new String[] {"--secret-key", "s3cr3t", "--secret-key=abc", "--seed", "1",
            "--access-key", "AKIA1", "--access-key=AKIA2"}))
                .containsExactly("--secret-key", "***", "--secret-key=***", "--seed", "1", "--access-key", "***",
                        "--access-key=***");
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

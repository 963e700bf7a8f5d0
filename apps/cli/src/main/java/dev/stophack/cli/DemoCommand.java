package dev.stophack.cli;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.models.BaselineModels;
import dev.stophack.cli.demo.DemoPlan;
import dev.stophack.cli.demo.Pace;
import dev.stophack.cli.demo.Part;
import dev.stophack.cli.demo.Ports;
import dev.stophack.cli.demo.StartScreen;
import dev.stophack.cli.demo.StatusLoop;
import dev.stophack.cli.demo.Supervisor;
import dev.stophack.config.S3Options;
import dev.stophack.console.CommandMain;
import dev.stophack.generate.TelemetryGenerator;
import dev.stophack.models.ModelStore;
import dev.stophack.storage.BlobStore;
import dev.stophack.storage.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stophack demo}: the whole pipeline on one machine, each part its own process. */
@Command(name = "stophack demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs stophack on this machine: generates telemetry, starts an embedded",
            "Kafka broker and S3 endpoint, seeds the baseline models, then starts the",
            "streaming job, both producers, the dashboard and the rollout loop, and",
            "later trains a new model version in the background. Each part is its own",
            "process; the terminal shows where everything is and a live status line,",
            "the parts' own lines go to DATA/logs/. A second run resumes from DATA.",
            "Ctrl-C stops everything."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Where Kafka, S3, the generated CSVs and logs live (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--fast", description = "Short intervals for a quick look: cycles of 1-2 s, a new model version after a minute.")
    boolean fast;

    @Option(names = "--verbose", description = "Show every part's own lines on the terminal too, prefixed with its name.")
    boolean verbose;

    @Option(names = "--train-after", paramLabel = "SECONDS",
            description = "Train a new model version in the background after this many seconds (default: 300, 60 with --fast).")
    Long trainAfterSeconds;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Run this many seconds, then stop the producers, let the streaming job catch up and stop"
                    + " (default: run until Ctrl-C).")
    Long durationSeconds;

    @Option(names = "--weblog", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Generate an hour of web access log and replay it in the background for the web-log panels"
                    + " and tables (default: on; --no-weblog leaves it out).")
    boolean weblog;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "" + Ports.KAFKA, description = "Kafka port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--s3-port", paramLabel = "PORT", defaultValue = "" + Ports.S3, description = "S3 port (default: ${DEFAULT-VALUE}).")
    int s3Port;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "" + Ports.DASHBOARD, description = "Dashboard port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--metrics-ports", paramLabel = "PROCESS,MEMORY,STREAM", split = ",",
            defaultValue = Ports.PRODUCE_PROCESS + "," + Ports.PRODUCE_MEMORY + "," + Ports.STREAM,
            description = "/metrics ports of the process producer, the memory producer and the streaming job"
                    + " (default: ${DEFAULT-VALUE}).")
    int[] metricsPorts;

    @Option(names = "--spark-ui-port", paramLabel = "PORT", defaultValue = "" + Ports.SPARK_UI,
            description = "The streaming job's Spark UI, 0 for none (default: ${DEFAULT-VALUE}).")
    int sparkUiPort;

    @Override
    public Integer call() throws Exception {
        if (metricsPorts.length != 3) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--metrics-ports takes three ports: process producer, memory producer, streaming job");
        }
        Ports ports = new Ports(kafkaPort, s3Port, httpPort, metricsPorts[0], metricsPorts[1], metricsPorts[2], sparkUiPort);
        Pace pace = fast ? Pace.FAST : Pace.NORMAL;
        if (trainAfterSeconds != null) {
            pace = pace.withTrainAfter(Duration.ofSeconds(trainAfterSeconds));
        }
        Path home = Path.of(System.getenv().getOrDefault("STOPHACK_HOME", "."));
        Set<String> available = Arrays.stream(System.getenv().getOrDefault("STOPHACK_COMMANDS", "").split("\\s+"))
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        boolean generated = Files.exists(data.resolve("demo").resolve(TelemetryGenerator.PROCESS_STREAM));
        DemoPlan plan = new DemoPlan(data, ports, pace, true, weblog, available);
        if (!plan.missing().isEmpty()) {
            System.out.println("demo: not in this checkout yet, so not started: " + String.join(", ", plan.missing()));
        }
        Supervisor supervisor = new Supervisor(home.resolve("stophack"), data.resolve("logs"), System.out,
                DemoPlan.environment(), verbose);
        Thread stopper = new Thread(supervisor::close, "demo-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        System.out.println("demo: starting " + plan.parts().stream().map(Part::name).collect(Collectors.joining(", "))
                + (generated ? " (resuming: the data in " + data + " is kept)" : ""));
        for (Part part : plan.parts()) {
            if (part.oneShot()) {
                if (part.command().equals("generate") && generated) {
                    continue; // keep the data of earlier runs
                }
                if (part.command().equals("train") && modelsReady(ports)) {
                    continue;
                }
                supervisor.runJob(part);
            } else {
                supervisor.startService(part);
            }
        }
        String web = startWebLog(supervisor, plan.webLog());
        S3Options s3 = demoS3(ports);
        StartScreen.lines(data, ports, s3.bucket, pace.trainAfter(), plan.retrain() != null, web)
                .forEach(System.out::println);
        int code;
        try (StatusLoop loop = new StatusLoop(supervisor, plan, ports, pace, bucket(s3), System.out)) {
            code = loop.run(durationSeconds == null ? null : Duration.ofSeconds(durationSeconds));
        }
        supervisor.close();
        Runtime.getRuntime().removeShutdownHook(stopper);
        System.out.println(code == 0 ? "demo: done" : "demo: stopped the rest");
        return code;
    }

    /**
     * Generates the web access log once per data folder and starts its replay in the background,
     * unless an earlier run sent it whole. Returns what the start screen says of it, or null
     * without it.
     */
    private static String startWebLog(Supervisor supervisor, DemoPlan.WebLog web) throws Exception {
        if (web == null) {
            return null;
        }
        if (Files.exists(web.replayed())) {
            return "replayed by an earlier run (remove " + web.log() + " and " + web.replayed().getFileName()
                    + " for a new one)";
        }
        if (!Files.exists(web.log())) {
            supervisor.runJob(web.generate());
        }
        supervisor.startBackground(web.replay());
        return "an hour of generated log (" + web.log() + ") replayed in the background, its incidents"
                + " in weblog_incidents.csv";
    }

    /** The demo's S3 as its parts see it: the bucket from the environment, the demo's endpoint and keys. */
    private static S3Options demoS3(Ports ports) {
        S3Options s3 = S3Options.fromEnvironment();
        s3.endpoint = ports.s3Endpoint();
        s3.accessKey = DemoPlan.environment().get("AWS_ACCESS_KEY_ID");
        s3.secretKey = DemoPlan.environment().get("AWS_SECRET_ACCESS_KEY");
        return s3;
    }

    private static BlobStore bucket(S3Options s3) {
        return Location.parse(S3Layout.s3a(s3.bucket, "")).open(s3);
    }

    /**
     * Whether both kinds have an ACTIVE model in the demo's S3, after seeding an empty store
     * with the committed baseline models. Training is the fallback when there are none.
     */
    private boolean modelsReady(Ports ports) throws java.io.IOException {
        S3Options s3 = demoS3(ports);
        BlobStore store = Location.parse(S3Layout.s3a(s3.bucket, S3Layout.MODELS)).open(s3);
        Path baseline = Path.of(System.getenv().getOrDefault("STOPHACK_HOME", ".")).resolve("models");
        if (Files.isDirectory(baseline)) {
            BaselineModels.seed(baseline, store).forEach(line -> System.out.println("demo: model " + line));
        }
        ModelStore models = new ModelStore(store);
        for (EventKind kind : EventKind.values()) {
            if (models.active(kind).isEmpty()) {
                System.out.println("demo: no active " + kind + " model yet: training one");
                return false;
            }
        }
        System.out.println("demo: models active: process v" + models.active(EventKind.PROCESS).orElseThrow().version()
                + ", memory v" + models.active(EventKind.MEMORY).orElseThrow().version());
        return true;
    }

    public static void main(String[] args) {
        System.exit(CommandMain.run(new DemoCommand(), args));
    }
}

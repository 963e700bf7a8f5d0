package dev.stophack.cli;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.models.BaselineModels;
import dev.stophack.cli.demo.DemoPlan;
import dev.stophack.cli.demo.Part;
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
            "Kafka broker and S3 endpoint, trains the first models, then starts the",
            "streaming job, both producers and the dashboard. Each part is its own",
            "process; Ctrl-C stops them all. Logs go to DATA/logs/."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Where Kafka, S3, the generated CSVs and logs live (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092", description = "Kafka port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--s3-port", paramLabel = "PORT", defaultValue = "9000", description = "S3 port (default: ${DEFAULT-VALUE}).")
    int s3Port;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080", description = "Dashboard port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Stop by itself after this many seconds (default: run until Ctrl-C).")
    Long durationSeconds;

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getenv().getOrDefault("STOPHACK_HOME", "."));
        Set<String> available = Arrays.stream(System.getenv().getOrDefault("STOPHACK_COMMANDS", "").split("\\s+"))
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        boolean generated = Files.exists(data.resolve("demo").resolve(TelemetryGenerator.PROCESS_STREAM));
        DemoPlan plan = new DemoPlan(data, kafkaPort, s3Port, httpPort, true, available);
        if (!plan.missing().isEmpty()) {
            System.out.println("demo: not in this checkout yet, so not started: " + String.join(", ", plan.missing()));
        }
        Supervisor supervisor = new Supervisor(home.resolve("stophack"), data.resolve("logs"), System.out,
                DemoPlan.environment());
        Thread stopper = new Thread(supervisor::close, "demo-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        for (Part part : plan.parts()) {
            if (part.oneShot()) {
                if (part.command().equals("generate") && generated) {
                    continue; // keep the data of earlier runs
                }
                if (part.command().equals("train") && modelsReady(home)) {
                    continue;
                }
                supervisor.runJob(part);
            } else {
                supervisor.startService(part);
            }
        }
        if (plan.parts().stream().anyMatch(p -> p.command().equals("consume"))) {
            System.out.println("demo: dashboard on http://127.0.0.1:" + httpPort + "/");
        }
        System.out.println("demo: running; Ctrl-C stops everything");
        String exit = supervisor.awaitFirstExit(durationSeconds == null ? null : Duration.ofSeconds(durationSeconds));
        supervisor.close();
        Runtime.getRuntime().removeShutdownHook(stopper);
        if (exit != null) {
            System.err.println("demo: " + exit + "; stopped the rest");
            return 1;
        }
        System.out.println("demo: done");
        return 0;
    }

    /**
     * Whether both kinds have an ACTIVE model in the demo's S3, after seeding an empty store
     * with the committed baseline models. Training is the fallback when there are none.
     */
    private boolean modelsReady(Path home) throws java.io.IOException {
        // bucket as the parts see it; endpoint and keys are the demo's own, as handed to its parts
        S3Options s3 = S3Options.fromEnvironment();
        s3.endpoint = "http://127.0.0.1:" + s3Port;
        s3.accessKey = DemoPlan.environment().get("AWS_ACCESS_KEY_ID");
        s3.secretKey = DemoPlan.environment().get("AWS_SECRET_ACCESS_KEY");
        BlobStore store = Location.parse(S3Layout.s3a(s3.bucket, S3Layout.MODELS)).open(s3);
        Path baseline = home.resolve("models");
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

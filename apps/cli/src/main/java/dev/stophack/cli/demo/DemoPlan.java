package dev.stophack.cli.demo;

import dev.stophack.api.s3.S3Layout;
import dev.stophack.config.Defaults;
import dev.stophack.config.S3Options;
import dev.stophack.generate.weblog.WeblogGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the laptop demo runs, in start order: the embedded services, a first training when no
 * model is active, the streaming job, both producers, the dashboard and the rollout loop; and
 * the training of a new model version it starts later, in the background; and, unless left out,
 * a generated web access log and its replay. Parts whose command this checkout does not have yet
 * are left out and reported.
 */
public final class DemoPlan {
    /**
     * The web access log's parts: {@code generate} writes an hour of log once per data folder,
     * {@code replay} sends it to Kafka in the background and ends at its end; {@code replayed}
     * marks a data folder whose log was sent whole, so that a later run does not send it again.
     */
    public record WebLog(Part generate, Part replay, Path log, Path replayed) {
    }

    /** An hour of log at the generator's usual density (a million lines in 12 hours), one incident of each type. */
    static final String WEBLOG_HOURS = "1";
    static final String WEBLOG_LINES = "100000";

    /**
     * What every part finds in its environment: the embedded S3 endpoint's key pair, which no
     * command takes by default (elsewhere they need real credentials). The value null removes a
     * variable: a session token in the caller's environment would be sent along with these keys.
     */
    public static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", Defaults.EMBEDDED_S3_ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", Defaults.EMBEDDED_S3_SECRET_KEY);
        env.put("AWS_SESSION_TOKEN", null);
        return env;
    }

    private final List<Part> parts = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private final Part retrain;
    private final WebLog webLog;

    public DemoPlan(Path data, int kafkaPort, int s3Port, int dashboardPort, boolean train, Set<String> available) {
        this(data, new Ports(kafkaPort, s3Port, dashboardPort, Ports.PRODUCE_PROCESS, Ports.PRODUCE_MEMORY, Ports.STREAM,
                Ports.SPARK_UI), Pace.NORMAL, train, available);
    }

    /** Without the web access log. */
    public DemoPlan(Path data, Ports ports, Pace pace, boolean train, Set<String> available) {
        this(data, ports, pace, train, false, available);
    }

    public DemoPlan(Path data, Ports ports, Pace pace, boolean train, boolean weblog, Set<String> available) {
        String demoData = data.resolve("demo").toString();
        String bootstrap = ports.bootstrap();
        String s3 = ports.s3Endpoint();
        add(available, Part.job("generate", "generate", "--out", demoData, "--quiet"));
        add(available, Part.service("kafka", ports.kafka(), "kafka", "--port", String.valueOf(ports.kafka()),
                "--data", data.resolve("kafka").toString()));
        add(available, Part.service("s3", ports.s3(), "s3", "--port", String.valueOf(ports.s3()),
                "--data", data.resolve("s3").toString()));
        if (train) {
            add(available, Part.job("train", "train", "--data", demoData, "--s3-endpoint", s3));
        }
        // every part serves /metrics on a port of its own, as pods would
        add(available, Part.service("stream", 0, "stream", "--bootstrap", bootstrap, "--s3-endpoint", s3,
                "--metrics-port", String.valueOf(ports.stream()), "--ui-port", String.valueOf(ports.sparkUi()),
                "--trigger", Pace.flag(pace.trigger()), "--model-poll", Pace.flag(pace.modelPoll())));
        add(available, Part.service("produce-process", 0, "produce", "process", "--csv",
                data.resolve("demo/streaming_linux_process.csv").toString(), "--bootstrap", bootstrap,
                "--http-port", String.valueOf(ports.produceProcess()), "--interval", Pace.flag(pace.processInterval())));
        add(available, Part.service("produce-memory", 0, "produce", "memory", "--csv",
                data.resolve("demo/streaming_linux_memory.csv").toString(), "--bootstrap", bootstrap,
                "--http-port", String.valueOf(ports.produceMemory()), "--interval", Pace.flag(pace.memoryInterval())));
        add(available, Part.service("consume", ports.dashboard(), "consume", "--bootstrap", bootstrap,
                "--http-port", String.valueOf(ports.dashboard())));
        // the S3 options belong to "rollout", the Kafka ones (for the attack rates) to "watch"
        add(available, Part.service("rollout", 0, "rollout", "--s3-endpoint", s3,
                "--models", S3Layout.s3a(S3Options.fromEnvironment().bucket, S3Layout.MODELS),
                "watch", "--bootstrap", bootstrap, "--interval", Pace.flag(pace.rolloutRound())));
        Part next = Part.job("train-next", "train", "--data", demoData, "--s3-endpoint", s3);
        retrain = available.contains(next.command()) ? next : null;
        Path log = data.resolve("demo").resolve(WeblogGenerator.LOG);
        // the replay has no /metrics (--http-port 0): the demo's ports stay the ones its flags name
        WebLog web = new WebLog(
                Part.job("generate-weblog", "generate", "--weblogs", "--out", demoData, "--quiet",
                        "--weblog-hours", WEBLOG_HOURS, "--weblog-lines", WEBLOG_LINES, "--weblog-incidents", "1"),
                Part.job("produce-weblog", "produce", "weblog", "--log", log.toString(), "--bootstrap", bootstrap,
                        "--speed", String.valueOf(pace.weblogSpeed()), "--http-port", "0"),
                log, data.resolve("demo").resolve("weblog.replayed"));
        webLog = weblog && available.contains("generate") && available.contains("produce") ? web : null;
    }

    private void add(Set<String> available, Part part) {
        if (available.contains(part.command())) {
            parts.add(part);
        } else {
            missing.add(part.name());
        }
    }

    public List<Part> parts() {
        return parts;
    }

    /** Parts left out because this checkout does not have their command. */
    public List<String> missing() {
        return missing;
    }

    /** The web access log's parts; null when left out (--no-weblog) or this checkout cannot run them. */
    public WebLog webLog() {
        return webLog;
    }

    /** The training of a new model version, run in the background while the rest runs; null without it. */
    public Part retrain() {
        return retrain;
    }
}

package dev.stophack.cli.demo;

import dev.stophack.api.s3.S3Layout;
import dev.stophack.config.Defaults;
import dev.stophack.config.S3Options;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the laptop demo runs, in start order: the embedded services, a first training when no
 * model is active, the streaming job, both producers, the dashboard and the rollout loop; and
 * the training of a new model version it starts later, in the background. Parts whose command
 * this checkout does not have yet are left out and reported.
 */
public final class DemoPlan {
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

    public DemoPlan(Path data, int kafkaPort, int s3Port, int dashboardPort, boolean train, Set<String> available) {
        this(data, new Ports(kafkaPort, s3Port, dashboardPort, Ports.PRODUCE_PROCESS, Ports.PRODUCE_MEMORY, Ports.STREAM,
                Ports.SPARK_UI), Pace.NORMAL, train, available);
    }

    public DemoPlan(Path data, Ports ports, Pace pace, boolean train, Set<String> available) {
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

    /** The training of a new model version, run in the background while the rest runs; null without it. */
    public Part retrain() {
        return retrain;
    }
}

package dev.stophack.cli.demo;

import dev.stophack.config.Defaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the laptop demo runs, in start order: the embedded services, a first training when no
 * model is active, the streaming job, both producers and the dashboard. Parts whose command
 * this checkout does not have yet are left out and reported.
 */
public final class DemoPlan {
    /** Ports of the parts' /metrics, one each so that all run at once: the parts' own defaults. */
    public static final int PRODUCE_PROCESS_HTTP_PORT = 9461;
    public static final int PRODUCE_MEMORY_HTTP_PORT = 9462;
    public static final int STREAM_METRICS_PORT = 9465;

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

    public DemoPlan(Path data, int kafkaPort, int s3Port, int dashboardPort, boolean train, Set<String> available) {
        String demoData = data.resolve("demo").toString();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        String s3 = "http://127.0.0.1:" + s3Port;
        add(available, Part.job("generate", "generate", "--out", demoData, "--quiet"));
        add(available, Part.service("kafka", kafkaPort, "kafka", "--port", String.valueOf(kafkaPort),
                "--data", data.resolve("kafka").toString()));
        add(available, Part.service("s3", s3Port, "s3", "--port", String.valueOf(s3Port),
                "--data", data.resolve("s3").toString()));
        if (train) {
            add(available, Part.job("train", "train", "--data", demoData, "--s3-endpoint", s3));
        }
        // every part serves /metrics on a port of its own, as pods would
        add(available, Part.service("stream", 0, "stream", "--bootstrap", bootstrap, "--s3-endpoint", s3,
                "--metrics-port", String.valueOf(STREAM_METRICS_PORT)));
        add(available, Part.service("produce-process", 0, "produce", "process", "--csv",
                data.resolve("demo/streaming_linux_process.csv").toString(), "--bootstrap", bootstrap,
                "--http-port", String.valueOf(PRODUCE_PROCESS_HTTP_PORT)));
        add(available, Part.service("produce-memory", 0, "produce", "memory", "--csv",
                data.resolve("demo/streaming_linux_memory.csv").toString(), "--bootstrap", bootstrap,
                "--http-port", String.valueOf(PRODUCE_MEMORY_HTTP_PORT)));
        add(available, Part.service("consume", dashboardPort, "consume", "--bootstrap", bootstrap,
                "--http-port", String.valueOf(dashboardPort)));
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
}

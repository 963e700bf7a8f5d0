package dev.stophack.cli.demo;

import dev.stophack.config.Defaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The demo's first screen: what runs where, how to look at it and what happens next. */
public final class StartScreen {
    private StartScreen() {
    }

    /** {@code webLog}: what the demo does with the web access log, null when it is left out. */
    public static List<String> lines(Path data, Ports ports, String bucket, Duration trainAfter, boolean retrain,
            String webLog) {
        List<String> l = new ArrayList<>();
        String s3 = ports.s3Endpoint();
        l.add("stophack demo: every part runs on this machine; data, checkpoints and logs in " + data
                + " (a second run resumes from them)");
        l.add("");
        l.add("  dashboard   http://127.0.0.1:" + ports.dashboard() + "/");
        l.add("  Kafka       " + ports.bootstrap() + "   topics process, memory, attack-counts, attacks, deadletter"
                + (webLog == null ? "" : "; weblog, blocklist, alerts"));
        l.add("  S3          " + s3 + "   bucket " + bucket + ", access key " + Defaults.EMBEDDED_S3_ACCESS_KEY
                + ", secret key " + Defaults.EMBEDDED_S3_SECRET_KEY + " (the embedded endpoint's own)");
        l.add("  metrics     producers http://127.0.0.1:" + ports.produceProcess() + "/metrics and :" + ports.produceMemory()
                + "/metrics, streaming job :" + ports.stream() + "/metrics"
                + (ports.sparkUi() > 0 ? ", Spark UI :" + ports.sparkUi() : ""));
        l.add("  logs        " + data.resolve("logs") + "/<part>.log (--verbose shows them here)");
        l.add("  query       in another terminal:");
        l.add("                export AWS_ACCESS_KEY_ID=" + Defaults.EMBEDDED_S3_ACCESS_KEY + " AWS_SECRET_ACCESS_KEY="
                + Defaults.EMBEDDED_S3_SECRET_KEY + " STOPHACK_S3_ENDPOINT=" + s3);
        l.add("                ./stophack query --preset attacks-by-machine     (./stophack query --help for more)");
        l.add("  models      ./stophack rollout status --s3-endpoint " + s3);
        l.add("  web log     " + (webLog == null ? "left out (--no-weblog): the dashboard's web-log panels stay empty" : webLog));
        if (retrain) {
            l.add("  next        in " + words(trainAfter) + " a new model version is trained in the background;"
                    + " the rollout loop gates and promotes it");
        }
        l.add("");
        l.add("Ctrl-C stops everything. The status line: events the producers sent since they started | what");
        l.add("the streaming job persisted and dead-lettered, potential and detected attacks (all runs, from Kafka) |");
        l.add("the model version scoring each kind.");
        return l;
    }

    static String words(Duration d) {
        long s = d.toSeconds();
        if (s % 60 == 0 && s > 0) {
            return s / 60 + (s == 60 ? " minute" : " minutes");
        }
        return s + (s == 1 ? " second" : " seconds");
    }
}

package dev.stophack.consumer;

import dev.stophack.config.KafkaOptions;
import dev.stophack.consumer.config.DurationText;
import dev.stophack.console.CommandMain;
import dev.stophack.consumer.weblog.WebSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stophack consume}: live per-machine counts of process, memory and potential attacks, with a dashboard. */
@Command(name = "stophack consume", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Counts per machine with plain Kafka consumers (no Spark):",
            "  process        rows per producer cycle (by event time ts)",
            "  memory         rows that arrived in the last --window (sliding)",
            "  attack-counts  potential attacks per window (from the streaming job)",
            "  weblog, blocklist, alerts  the web access log: busiest hosts against the rate limit,",
            "                 blocked hosts, error shares per class with the job's alerts",
            "Live at http://HOST:PORT/, JSON under /api/, Prometheus at /metrics,",
            "liveness at /healthz; one log line per cycle. A restart reads the last",
            "--history back from Kafka, so the counts survive it. Kafka refusing the",
            "login or an ACL ends the process with the reason (exit code 1)."})
public final class ConsumeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumeCommand.class);

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--group", paramLabel = "GROUP", defaultValue = "${env:STOPHACK_CONSUMER_GROUP:-stophack-consumer}",
            description = "Kafka consumer group; one consumer per group (env STOPHACK_CONSUMER_GROUP; default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--window", defaultValue = "2m", converter = DurationText.class, paramLabel = "DURATION",
            description = "Sliding window of the memory counts, e.g. 2m, 90s (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--history", defaultValue = "10m", converter = DurationText.class, paramLabel = "DURATION",
            description = "How far back the charts go and a restart reads back (default: ${DEFAULT-VALUE}).")
    Duration history;

    @Option(names = "--http-host", defaultValue = "${env:STOPHACK_HTTP_HOST:-127.0.0.1}", paramLabel = "HOST",
            description = "Address the dashboard listens on; pods use 0.0.0.0 (env STOPHACK_HTTP_HOST; default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--http-port", defaultValue = "${env:STOPHACK_HTTP_PORT:-8080}", paramLabel = "PORT",
            description = "Port of the dashboard, 0 for a free one (env STOPHACK_HTTP_PORT; default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--log-every", defaultValue = "5s", converter = DurationText.class, paramLabel = "DURATION",
            description = "Interval of the cycle log line; idle, it is written once a minute (default: ${DEFAULT-VALUE}).")
    Duration logEvery;

    @Option(names = "--max-ts-ahead", defaultValue = "30s", converter = DurationText.class, paramLabel = "DURATION",
            description = "How far ahead of this clock an event time (process ts, an attack window's start) may be;"
                    + " rows further ahead are skipped as ts_ahead / window_ahead (default: ${DEFAULT-VALUE}).")
    Duration maxTsAhead;

    @Option(names = "--max-machines", defaultValue = "200", paramLabel = "N",
            description = "Machines tracked at most; rows of further machines are skipped as machine_limit and"
                    + " the dashboard says how many are not shown (default: ${DEFAULT-VALUE}).")
    int maxMachines;

    @Option(names = "--weblog", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also read the web access log's topics (weblog, blocklist, alerts) for its panels;"
                    + " --no-weblog where they are absent or this consumer's Kafka user may not read them.")
    boolean weblog = true;

    @Option(names = "--rate-window", defaultValue = "60s", converter = DurationText.class, paramLabel = "DURATION",
            description = "The streaming job's --ratelimit-window: the busiest hosts' requests are counted over it"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration rateWindow;

    @Option(names = "--rate-threshold", defaultValue = "600", paramLabel = "N",
            description = "The limit drawn over the busiest hosts until a blocklist decision names the job's own"
                    + " (default: ${DEFAULT-VALUE}).")
    long rateThreshold;

    @Override
    public Integer call() throws Exception {
        WebSettings web = new WebSettings(weblog, rateWindow, rateThreshold, 5);
        ConsumerApp.Settings settings = new ConsumerApp.Settings(kafka.connection(), group, window, history,
                httpHost, httpPort, logEvery, maxTsAhead, maxMachines);
        ConsumerApp app = new ConsumerApp(settings, web, Clock.systemUTC()).start();
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!stopping.getAndSet(true)) {
                LOG.info("stopping: committing offsets");
                app.close();
            }
        }, "shutdown"));
        LOG.info("dashboard at {} (Kafka {}, group {}, window {}, history {}, at most {} machines)", app.url(),
                kafka.connection(), group, DurationText.format(window), DurationText.format(history), maxMachines);
        String refused = app.awaitConsumerStopped();
        if (refused != null && !stopping.getAndSet(true)) {
            app.close();
            throw new IllegalStateException(refused);
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(CommandMain.run(new ConsumeCommand(), args));
    }
}

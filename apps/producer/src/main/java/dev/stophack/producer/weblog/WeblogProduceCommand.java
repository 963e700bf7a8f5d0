package dev.stophack.producer.weblog;

import dev.stophack.accesslog.LogTime;
import dev.stophack.api.kafka.Topics;
import dev.stophack.config.KafkaOptions;
import dev.stophack.config.S3Options;
import dev.stophack.kafka.AccessDenied;
import dev.stophack.observe.HttpEndpoint;
import dev.stophack.producer.kafka.ProducerSettings;
import dev.stophack.producer.kafka.TopicReady;
import dev.stophack.producer.observe.ProducerMetrics;
import dev.stophack.producer.run.GracefulExit;
import dev.stophack.producer.run.Pacer;
import dev.stophack.producer.run.StopSignal;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stophack produce weblog}: replays a web access log onto Kafka. */
@Command(name = "stophack produce weblog", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Replays a web access log onto Kafka, each line as written (the streaming job parses it), in the file's order.",
            "Key = the line's first field, the client host; value = the line without its line end. Gzip input is accepted.",
            "Paced by the log's own times compressed by --speed (1 = as it happened), or at --rate lines/s.",
            "Stops at the end of the log, or after --lines (with --wait-at-end it stays up until stopped).",
            "Prometheus /metrics and /healthz on --http-host:--http-port.",
            ""})
public final class WeblogProduceCommand implements Callable<Integer> {
    /** The word after {@code produce} that selects this command. */
    public static final String KIND = "weblog";
    private static final Logger LOG = LoggerFactory.getLogger(WeblogProduceCommand.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);
    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(60);
    private static final long PROGRESS_NANOS = 5_000_000_000L;
    /** Waits shorter than this are not worth a sleep: lines go out in small bursts instead. */
    private static final long MIN_WAIT_NANOS = 2_000_000L;

    @Option(names = "--log", required = true, paramLabel = "FILE|s3a://BUCKET/KEY",
            description = "The access log (Apache common or combined, or the seed's format; gzip or not): a file,"
                    + " file://, or s3a:// (or s3://) read with the S3 options.")
    String log;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    S3Options s3;

    @Option(names = "--topic", paramLabel = "T", defaultValue = Topics.WEBLOG, description = "Kafka topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Pace pace;

    /** How fast: the log's own pace compressed, or a fixed rate. */
    static final class Pace {
        @Option(names = "--speed", paramLabel = "X", required = true,
                description = "Replay the log's own pace X times faster: a line logged d seconds after the first goes"
                        + " d/X seconds after the start (default: 1).")
        Double speed;

        @Option(names = "--rate", paramLabel = "LINES_PER_S", required = true,
                description = "Ignore the log's times and send this many lines per second.")
        Double rate;
    }

    @Option(names = "--lines", paramLabel = "N", defaultValue = "0",
            description = "Stop after N lines; 0 sends the whole log (default: ${DEFAULT-VALUE}).")
    long maxLines;

    @Option(names = "--wait-at-end",
            description = "After the last line, keep serving /metrics and /healthz until stopped instead of exiting:"
                    + " in a pod, an exit would be restarted and send the whole log again.")
    boolean waitAtEnd;

    @Option(names = "--http-host", paramLabel = "HOST", defaultValue = "${env:STOPHACK_HTTP_HOST:-127.0.0.1}",
            description = "Address for /metrics and /healthz; 0.0.0.0 in a pod (env STOPHACK_HTTP_HOST; default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:STOPHACK_HTTP_PORT:-9463}",
            description = "Port for /metrics and /healthz, 0 = no HTTP (env STOPHACK_HTTP_PORT; default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        validate();
        kafka.connection(); // reads and checks --kafka-config before the log is opened
        LogPace logPace = pace == null || pace.speed != null ? new LogPace(pace == null ? 1.0 : pace.speed) : null;
        Pacer ratePacer = pace != null && pace.rate != null ? new Pacer(pace.rate) : null;
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProducerMetrics metrics = new ProducerMetrics(registry, "weblog");
        // 1 once the log (or --lines of it) is sent and acknowledged: with --wait-at-end the pod stays up, and
        // this tells a finished replay from a stalled one
        AtomicInteger replayed = new AtomicInteger();
        Gauge.builder("stophack.producer.log.replayed", replayed, AtomicInteger::get)
                .description("1 once the log (or --lines of it) was sent and acknowledged").tag("kind", "weblog").register(registry);
        StopSignal stop = new StopSignal();
        GracefulExit exit = new GracefulExit(stop, SHUTDOWN_GRACE).install();
        int code = 1;
        try (LogSource source = LogSource.open(log, s3);
             LogLines lines = new LogLines(source.stream());
             HttpEndpoint http = httpPort == 0 ? null
                     : HttpEndpoint.start(httpHost, httpPort, registry::scrape, () -> stop.requested() ? "stopping" : null);
             LineSender sender = new LineSender(producer(), topic, metrics)) {
            LOG.info("replaying {}{} to topic {} at {}, {}{}", source.name(), lines.gzip() ? " (gzip)" : "", topic,
                    kafka.connection(), ratePacer != null ? pace.rate + " lines/s"
                            : "the log's pace x" + (pace == null ? 1.0 : pace.speed), maxLines == 0 ? "" : ", " + maxLines + " lines");
            TopicReady.await(kafka.connection(), topic, TOPIC_READY_TIMEOUT);
            long sent = replay(lines, sender, logPace, ratePacer, stop);
            code = report(sent, metrics);
            if (code == 0 && !stop.requested()) {
                replayed.set(1);
                if (waitAtEnd) {
                    LOG.info("at the end of the log; waiting until stopped (--wait-at-end)");
                    stop.await();
                }
            }
        } catch (RuntimeException e) {
            // a refusal by Kafka is one line naming user and broker, and ends the run at once
            AccessDenied.rethrow(kafka.connection(), e);
            throw e;
        } finally {
            exit.finished(code);
        }
        return code;
    }

    private long replay(LogLines lines, LineSender sender, LogPace logPace, Pacer ratePacer, StopSignal stop)
            throws java.io.IOException, InterruptedException {
        long start = System.nanoTime();
        long lastReport = start;
        long reported = 0;
        long sent = 0;
        long empty = 0;
        while ((maxLines == 0 || sent < maxLines) && !stop.requested() && lines.next()) {
            if (lines.length() == 0) {
                empty++;
                continue; // a blank line is no request
            }
            long wait;
            if (logPace != null) {
                wait = logPace.dueNanos(LogTime.ofLine(lines.bytes(), lines.length())) - (System.nanoTime() - start);
            } else if (ratePacer != null && sent % ratePacer.stride() == 0) {
                wait = ratePacer.waitNanos(sent, System.nanoTime() - start);
            } else {
                wait = 0;
            }
            if (wait > MIN_WAIT_NANOS && stop.awaitNanos(wait)) {
                break;
            }
            sender.send(lines.bytes(), lines.length());
            sent++;
            long now = System.nanoTime();
            if (now - lastReport >= PROGRESS_NANOS) {
                LOG.info(String.format(Locale.ROOT, "weblog: %,d lines sent, %,.0f lines/s over the last %.1f s", sent,
                        (sent - reported) * 1e9 / (now - lastReport), (now - lastReport) / 1e9));
                lastReport = now;
                reported = sent;
            }
        }
        sender.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info(String.format(Locale.ROOT, "weblog: %,d lines sent and flushed in %.2f s (%,.0f lines/s)%s", sent, seconds,
                sent / Math.max(seconds, 1e-9), empty == 0 ? "" : String.format(Locale.ROOT, "; %,d blank lines skipped", empty)));
        return sent;
    }

    private int report(long sent, ProducerMetrics metrics) {
        long errors = metrics.errors();
        if (errors > 0) {
            LOG.error("{} of {} lines could not be delivered", errors, sent);
            return 1;
        }
        LOG.info("done: {} lines sent and acknowledged", metrics.sent());
        return 0;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        try {
            return new KafkaProducer<>(ProducerSettings.reliable(kafka.connection(), "stophack-producer-weblog"));
        } catch (KafkaException e) {
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new IllegalArgumentException("Kafka " + kafka.connection() + ": " + why);
        }
    }

    private void validate() {
        if (maxLines < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lines cannot be negative");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--http-port must be 0..65535, got " + httpPort);
        }
        if (pace != null && pace.speed != null && !(pace.speed > 0 && pace.speed < Double.POSITIVE_INFINITY)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--speed must be a positive number, got " + pace.speed);
        }
        if (pace != null && pace.rate != null && !(pace.rate > 0 && pace.rate < Double.POSITIVE_INFINITY)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be a positive number, got " + pace.rate);
        }
    }
}

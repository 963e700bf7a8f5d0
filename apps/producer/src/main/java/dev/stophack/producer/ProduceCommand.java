package dev.stophack.producer;

import dev.stophack.api.events.EventKind;
import dev.stophack.config.KafkaOptions;
import dev.stophack.config.S3Options;
import dev.stophack.console.CommandMain;
import dev.stophack.csv.CsvException;
import dev.stophack.events.EventEncoder;
import dev.stophack.kafka.AccessDenied;
import dev.stophack.observe.HttpEndpoint;
import dev.stophack.producer.kafka.KafkaEventSink;
import dev.stophack.producer.kafka.ProducerSettings;
import dev.stophack.producer.kafka.TopicReady;
import dev.stophack.producer.observe.ProducerMetrics;
import dev.stophack.producer.run.GracefulExit;
import dev.stophack.producer.run.LoadRun;
import dev.stophack.producer.run.Pacer;
import dev.stophack.producer.run.ScheduledRun;
import dev.stophack.producer.run.StopSignal;
import dev.stophack.producer.schedule.Bounds;
import dev.stophack.producer.schedule.Planner;
import dev.stophack.producer.schedule.ScheduleSettings;
import dev.stophack.producer.source.CsvLocation;
import dev.stophack.producer.source.CsvOpener;
import dev.stophack.producer.source.MachineRows;
import dev.stophack.producer.source.StreamData;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code stophack produce process|memory}: replays a streaming CSV onto Kafka. {@code stophack
 * produce weblog} is {@link dev.stophack.producer.weblog.WeblogProduceCommand}.
 */
@Command(name = "stophack produce", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Replays a streaming CSV onto Kafka: each machine's rows in sequence order, from the first row again when they run out.",
            "  process: every 5 s, each machine sends 10..50 rows stamped with the cycle's Unix time.",
            "  memory: every 10 s, each machine sends 20..80 rows stamped now and holds back 0..5 more, also stamped now, that leave with the next cycle (late data).",
            "--rate and --max ignore the schedule and send as fast as asked (benchmarks).",
            "  weblog: replays a web access log instead (--log FILE); see 'stophack produce weblog --help'.",
            "Key = machine id, value = the event's JSON. Prometheus /metrics and /healthz on --http-host:--http-port.",
            ""})
public final class ProduceCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ProduceCommand.class);
    /** How long SIGTERM waits for the flush before giving up. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);
    /** How long to wait for the topic at start before sending anyway. */
    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(60);

    @Parameters(index = "0", paramLabel = "KIND", converter = Converters.Kind.class,
            description = "process or memory (or weblog, with its own options).")
    EventKind kind;

    @Option(names = "--csv", required = true, paramLabel = "FILE|s3a://BUCKET/KEY",
            description = "The streaming CSV: a file, file://, or s3a:// (or s3://) read with the S3 options.")
    String csv;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    S3Options s3;

    @Option(names = "--topic", paramLabel = "T", description = "Kafka topic (default: the kind, process or memory).")
    String topic;

    @Option(names = "--seed", paramLabel = "S",
            description = "Random seed for the row counts (default: a random one, logged at start).")
    Long seed;

    @Option(names = "--interval", paramLabel = "DURATION", converter = Converters.Interval.class,
            description = "Time between cycles, e.g. 5s, 200ms (default: 5s for process, 10s for memory).")
    Duration interval;

    @Option(names = "--rows", paramLabel = "MIN..MAX", converter = Converters.Range.class,
            description = "Rows each machine sends per cycle (default: 10..50 for process, 20..80 for memory).")
    Bounds rows;

    @Option(names = "--late", paramLabel = "MIN..MAX", converter = Converters.Range.class,
            description = "Rows each machine holds back per cycle for the next one (default: 0 for process, 0..5 for memory).")
    Bounds late;

    @Option(names = "--cycles", paramLabel = "N", defaultValue = "0",
            description = "Stop after N cycles; 0 runs until stopped (default: ${DEFAULT-VALUE}).")
    long cycles;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    LoadMode load;

    /** Load mode: the two ways of ignoring the schedule. */
    static final class LoadMode {
        @Option(names = "--rate", paramLabel = "EVENTS_PER_S", required = true,
                description = "Load mode: ignore the schedule and send this many events per second.")
        Double rate;

        @Option(names = "--max", required = true, description = "Load mode: ignore the schedule and send as fast as Kafka takes them.")
        boolean max;
    }

    @Option(names = "--events", paramLabel = "N", defaultValue = "0",
            description = "Load mode: stop after N events; 0 runs until stopped (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--http-host", paramLabel = "HOST", defaultValue = "${env:STOPHACK_HTTP_HOST:-127.0.0.1}",
            description = "Address for /metrics and /healthz; 0.0.0.0 in a pod (env STOPHACK_HTTP_HOST; default: ${DEFAULT-VALUE}).")
    String httpHost;

    /** Default ports, one per kind, so that both producers run side by side on one machine. */
    static final int PROCESS_HTTP_PORT = 9461;
    static final int MEMORY_HTTP_PORT = 9462;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:STOPHACK_HTTP_PORT}",
            description = "Port for /metrics and /healthz, 0 = no HTTP (env STOPHACK_HTTP_PORT; default: "
                    + PROCESS_HTTP_PORT + " for process, " + MEMORY_HTTP_PORT + " for memory).")
    Integer httpPortOption;

    private int httpPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        validate();
        kafka.connection(); // reads and checks --kafka-config before anything is loaded
        CsvLocation location = CsvLocation.parse(csv);
        String destination = topic != null ? topic : kind.topic();
        long started = System.nanoTime();
        StreamData data = new CsvOpener(s3).load(location, kind);
        if (data.machines().isEmpty()) {
            throw new CsvException(data.source() + ": no usable rows (" + data.skippedRows() + " skipped: " + data.describeSkipped() + ")");
        }
        LOG.info("loaded {} {} rows for machines {} from {} in {} ms{}", data.rows(), kind, machineIds(data.machines()),
                data.source(), (System.nanoTime() - started) / 1_000_000,
                data.skippedRows() == 0 ? "" : "; skipped " + data.skippedRows() + " bad rows (" + data.describeSkipped() + ")");
        EventEncoder encoder = new EventEncoder(kind, data.header());

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProducerMetrics metrics = new ProducerMetrics(registry, kind);
        metrics.skipped(data.skipped());
        StopSignal stop = new StopSignal();
        GracefulExit exit = new GracefulExit(stop, SHUTDOWN_GRACE).install();
        int code = 1;
        try (HttpEndpoint http = httpPort == 0 ? null
                     : HttpEndpoint.start(httpHost, httpPort, registry::scrape, () -> stop.requested() ? "stopping" : null);
             KafkaEventSink sink = new KafkaEventSink(producer(), destination, encoder, metrics)) {
            if (http != null) {
                LOG.info("metrics on http://{}:{}/metrics, health on /healthz", httpHost, http.port());
            }
            // metadata first (a broker may create the topic on this request), then the partitions' leaders
            if (sink.awaitTopic()) {
                TopicReady.await(kafka.connection(), destination, TOPIC_READY_TIMEOUT);
            }
            long handed = load == null ? schedule(data, destination, sink, metrics, stop) : loadMode(data, destination, sink, stop);
            code = report(handed, metrics);
        } catch (RuntimeException e) {
            // a refusal by Kafka is one line naming user and broker, and ends the run at once
            AccessDenied.rethrow(kafka.connection(), e);
            throw e;
        } finally {
            exit.finished(code);
        }
        return code;
    }

    private long schedule(StreamData data, String destination, KafkaEventSink sink, ProducerMetrics metrics, StopSignal stop)
            throws InterruptedException {
        ScheduleSettings settings = ScheduleSettings.of(kind);
        if (interval != null) {
            settings = settings.withInterval(interval);
        }
        if (rows != null) {
            settings = settings.withRows(rows);
        }
        if (late != null) {
            settings = settings.withLate(late);
        }
        long s = seed != null ? seed : new SplittableRandom().nextLong();
        LOG.info("producing {} to topic {} at {}: every {} ms, rows {} per machine, late {}, seed {}{}", kind, destination,
                kafka.connection(), settings.interval().toMillis(), settings.rows(), settings.late(), s,
                cycles == 0 ? "" : ", " + cycles + " cycles");
        Planner planner = new Planner(data.machines(), settings, new SplittableRandom(s));
        return new ScheduledRun(kind, planner, settings, cycles, sink, metrics, stop, Clock.systemUTC()).run();
    }

    private long loadMode(StreamData data, String destination, KafkaEventSink sink, StopSignal stop) throws InterruptedException {
        Pacer pacer = load.rate != null ? new Pacer(load.rate) : null;
        LOG.info("load mode: {} to topic {} at {}, {}{}", kind, destination, kafka.connection(),
                pacer == null ? "as fast as possible" : load.rate + " events/s", events == 0 ? "" : ", " + events + " events");
        return new LoadRun(data.machines(), sink, pacer, events, stop, Clock.systemUTC()).run();
    }

    private int report(long handed, ProducerMetrics metrics) {
        long errors = metrics.errors();
        if (errors > 0) {
            LOG.error("{} of {} events could not be delivered", errors, handed);
            return 1;
        }
        LOG.info("done: {} events sent and acknowledged", metrics.sent());
        return 0;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        try {
            return new KafkaProducer<>(ProducerSettings.reliable(kafka.connection(), "stophack-producer-" + kind.id()));
        } catch (KafkaException e) {
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new IllegalArgumentException("Kafka " + kafka.connection() + ": " + why);
        }
    }

    /** The HTTP port: the flag or STOPHACK_HTTP_PORT, else the kind's own. */
    int httpPort() {
        return httpPortOption != null ? httpPortOption : kind == EventKind.PROCESS ? PROCESS_HTTP_PORT : MEMORY_HTTP_PORT;
    }

    private void validate() {
        httpPort = httpPort();
        if (cycles < 0 || events < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cycles and --events cannot be negative");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--http-port must be 0..65535, got " + httpPort);
        }
        if (interval != null && (interval.isZero() || interval.isNegative())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--interval must be positive");
        }
        if (load != null) {
            if (cycles != 0 || interval != null || rows != null || late != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--cycles, --interval, --rows and --late shape the schedule; --rate and --max ignore it (use --events)");
            }
            if (load.rate != null && !(load.rate > 0 && load.rate < Double.POSITIVE_INFINITY)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be a positive number, got " + load.rate);
            }
        } else if (events != 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--events applies to --rate and --max; the schedule stops with --cycles");
        }
    }

    private static List<String> machineIds(List<MachineRows> machines) {
        return machines.stream().map(MachineRows::machine).toList();
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(dev.stophack.producer.weblog.WeblogProduceCommand.KIND)) {
            System.exit(CommandMain.run(new dev.stophack.producer.weblog.WeblogProduceCommand(),
                    java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(CommandMain.run(new ProduceCommand(), args));
    }
}

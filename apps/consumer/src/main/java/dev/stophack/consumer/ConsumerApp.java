package dev.stophack.consumer;

import dev.stophack.config.KafkaConnection;
import dev.stophack.consumer.http.DashboardServer;
import dev.stophack.consumer.kafka.ConsumerStatus;
import dev.stophack.consumer.kafka.CountingConsumer;
import dev.stophack.consumer.live.LiveCounts;
import dev.stophack.consumer.metrics.ConsumerMetrics;
import dev.stophack.consumer.parse.ClockLimit;
import dev.stophack.consumer.report.CycleLogger;
import dev.stophack.consumer.weblog.WebSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code stophack consume} wired together: the counts, the Kafka consumer thread, the HTTP
 * server and the cycle log line. Tests start it in-process with port 0.
 */
public final class ConsumerApp implements AutoCloseable {
    /** What to run. */
    public record Settings(KafkaConnection kafka, String group, Duration window, Duration history,
                           String httpHost, int httpPort, Duration logEvery, Duration maxTsAhead,
                           int maxMachines) {
        public Settings {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("--window must be positive");
            }
            if (history.isNegative() || history.isZero()) {
                throw new IllegalArgumentException("--history must be positive");
            }
            if (history.toMillis() < 1000) {
                throw new IllegalArgumentException("--history must be at least 1s");
            }
            if (logEvery.toMillis() < 100) {
                throw new IllegalArgumentException("--log-every must be at least 100ms");
            }
            if (maxTsAhead.isNegative() || maxTsAhead.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("--max-ts-ahead must be between 0 and 1d");
            }
            if (maxMachines < 1) {
                throw new IllegalArgumentException("--max-machines must be at least 1");
            }
            if (httpPort < 0 || httpPort > 65535) {
                throw new IllegalArgumentException("--http-port out of range: " + httpPort);
            }
        }
    }

    private final LiveCounts counts;
    private final ConsumerStatus status;
    private final CountingConsumer consumer;
    private final DashboardServer server;
    private final ScheduledExecutorService logTimer;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    public ConsumerApp(Settings settings, Clock clock) throws IOException {
        this(settings, WebSettings.defaults(), clock);
    }

    public ConsumerApp(Settings settings, WebSettings web, Clock clock) throws IOException {
        this.counts = new LiveCounts(clock, settings.window(), settings.history(), settings.maxMachines());
        this.status = new ConsumerStatus(settings.kafka().bootstrap(), settings.group());
        this.server = new DashboardServer(settings.httpHost(), settings.httpPort(), counts, status,
                new ConsumerMetrics(status), web);
        // read back far enough to draw the whole history of the memory chart, whose first point needs a window
        List<String> topics = new java.util.ArrayList<>(CountingConsumer.TELEMETRY);
        if (web.enabled()) {
            topics.addAll(CountingConsumer.WEB);
        }
        this.consumer = new CountingConsumer(settings.kafka(), settings.group(), counts, status,
                settings.history().plus(settings.window()), new ClockLimit(settings.maxTsAhead()), topics);
        this.logTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cycle-log");
            t.setDaemon(true);
            return t;
        });
        long every = settings.logEvery().toMillis();
        logTimer.scheduleAtFixedRate(new CycleLogger(counts, status), every, every, TimeUnit.MILLISECONDS);
    }

    public ConsumerApp start() {
        server.start();
        consumer.start();
        return this;
    }

    public int httpPort() {
        return server.port();
    }

    /** {@code http://host:port/}, for people and tests. */
    public String url() {
        return "http://" + server.host() + ":" + server.port() + "/";
    }

    public LiveCounts counts() {
        return counts;
    }

    public ConsumerStatus status() {
        return status;
    }

    /**
     * Blocks until the Kafka consumer has stopped for good; returns why Kafka refused it, or null
     * when {@link #close()} stopped it.
     */
    public String awaitConsumerStopped() throws InterruptedException {
        return consumer.awaitStopped();
    }

    /** Stops consuming (committing offsets), then the HTTP server; a second call does nothing. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        logTimer.shutdownNow();
        consumer.close();
        server.close();
    }
}

package dev.stophack.faults.scenario;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks the job's {@code /healthz} once a second from the moment it first answers 200: how many
 * of those probes it answered unhealthy (503: a query failed and waits to restart), and how many
 * went unanswered within five seconds (on a loaded machine, a long garbage collection is enough).
 */
final class HealthWatch implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;
    private final AtomicLong probes = new AtomicLong();
    private final AtomicLong down = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private final Thread thread;
    private volatile boolean stop;

    HealthWatch(int port) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/healthz");
        this.thread = new Thread(this::watch, "healthz");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        boolean up = false;
        while (!stop) {
            int status = probe();
            up |= status == 200;
            if (up) {
                probes.incrementAndGet();
                if (status < 0) {
                    unanswered.incrementAndGet();
                } else if (status != 200) {
                    down.incrementAndGet();
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The status, or -1 for no answer. */
    private int probe() {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    long probes() {
        return probes.get();
    }

    long down() {
        return down.get();
    }

    long unanswered() {
        return unanswered.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.interrupt();
        thread.join();
    }
}

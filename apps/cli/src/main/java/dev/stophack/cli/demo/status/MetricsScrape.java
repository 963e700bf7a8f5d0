package dev.stophack.cli.demo.status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Reads one part's Prometheus {@code /metrics} on 127.0.0.1; empty while the part does not answer. */
public final class MetricsScrape {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public Optional<PrometheusText> read(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(PrometheusText.parse(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // starting, restarting or stopped: the figure shows as unknown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

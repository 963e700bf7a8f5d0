package dev.stophack.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> send(HttpEndpoint endpoint, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheMetricsAndAHealthThatNamesTheProblem() throws Exception {
        AtomicReference<String> problem = new AtomicReference<>();
        try (HttpEndpoint endpoint = HttpEndpoint.start("127.0.0.1", 0, () -> "up 1.0\n", problem::get)) {
            HttpResponse<String> metrics = send(endpoint, "GET", "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).isEqualTo("up 1.0\n");
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");

            assertThat(send(endpoint, "GET", "/healthz").body()).isEqualTo("ok\n");
            problem.set("a query is down");
            HttpResponse<String> sick = send(endpoint, "GET", "/healthz");
            assertThat(sick.statusCode()).isEqualTo(503);
            assertThat(sick.body()).isEqualTo("a query is down\n");

            assertThat(send(endpoint, "POST", "/metrics").statusCode()).isEqualTo(405);
        }
    }

    @Test
    void aPortInUseIsAnErrorNamingTheAddress() {
        try (HttpEndpoint first = HttpEndpoint.start("127.0.0.1", 0, () -> "", () -> null)) {
            assertThatThrownBy(() -> HttpEndpoint.start("127.0.0.1", first.port(), () -> "", () -> null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("cannot serve HTTP on 127.0.0.1:" + first.port());
        }
    }
}

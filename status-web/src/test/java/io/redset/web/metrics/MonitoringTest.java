package io.redset.web.metrics;

import io.redset.web.ApiClient;
import io.redset.web.ApiClient.Response;
import io.redset.web.RedSetBootTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

@RedSetBootTest
class MonitoringTest {

    @LocalServerPort
    int port;

    @Test
    void prometheusEndpointServesRedSetMetricsAnonymously() {
        ApiClient api = new ApiClient(port).service();
        Response sent = api.post("/api/v1/envelopes", json("{'senderId':'metrics','totalFen':10,'count':1,'mode':'LUCKY'}"));
        assertThat(sent.status()).isEqualTo(201);

        Response r = api.get("/actuator/prometheus");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain").contains("version=0.0.4");
        assertThat(r.body())
                .contains("# TYPE redset_requests_total counter")
                .containsPattern("redset_requests_total\\{.*operation=\"send\".*\\} ")
                .contains("hikaricp_connections{")
                .contains("pool=\"set-00\"")
                .contains("resilience4j_circuitbreaker_state");
    }

    /** The whole scrape passes Prometheus' own checker (CI installs promtool from Debian). */
    @Test
    void promtoolAcceptsTheScrape() throws Exception {
        Assumptions.assumeTrue(onPath("promtool"), "promtool is not installed");
        ApiClient api = new ApiClient(port).service();
        Response sent = api.post("/api/v1/envelopes", json("{'senderId':'promtool','totalFen':10,'count':2,'mode':'LUCKY'}"));
        String id = sent.json().get("envelopeId").stringValue();
        api.post("/api/v1/envelopes/" + id + "/claims", json("{'userId':'u1'}"));
        api.post("/api/v1/envelopes/" + id + "/claims", json("{'userId':''}"));
        api.get("/api/v1/envelopes/" + id);
        String scrape = api.get("/actuator/prometheus").body();
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (var in = promtool.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor()).as("promtool check metrics said: %s", verdict).isZero();
        assertThat(scrape).contains("redset_request_duration_seconds_bucket").contains("redset_money_fen_total");
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    @Test
    void healthIsPublicAndOtherActuatorEndpointsAreNot() {
        ApiClient api = new ApiClient(port).service();
        Response health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").stringValue()).isEqualTo("UP");
        assertThat(api.get("/actuator/env").status()).isIn(401, 403, 404);
    }
}

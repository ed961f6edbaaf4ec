package io.redset.web.metrics;

import io.redset.web.ApiClient;
import io.redset.web.ApiClient.Response;
import io.redset.web.RedSetBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

@RedSetBootTest
class MonitoringTest {

    @LocalServerPort
    int port;

    @Test
    void prometheusEndpointServesRedSetMetricsAnonymously() {
        ApiClient api = new ApiClient(port);
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

    @Test
    void healthIsPublicAndOtherActuatorEndpointsAreNot() {
        ApiClient api = new ApiClient(port);
        Response health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").stringValue()).isEqualTo("UP");
        assertThat(api.get("/actuator/env").status()).isIn(401, 403, 404);
    }
}

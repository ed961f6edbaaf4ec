package io.redset.web.probes;

import io.redset.probes.ComponentHealth;
import io.redset.probes.ComponentStatus;
import io.redset.probes.ProbeType;
import io.redset.web.ApiClient;
import io.redset.web.ApiClient.Response;
import io.redset.web.RedSetBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The probes run inside the application: components, their JSON, the admin detail and the meters. */
@RedSetBootTest
class HealthComponentsApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ComponentHealth health;

    @Test
    void everySetIsAComponentWithItsProbes() {
        // the first run of every probe of every SET (within an interval plus its timeout and jitter)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(health.components()).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(ComponentStatus.OPERATIONAL);
            assertThat(c.probes()).allSatisfy(p -> assertThat(p.last()).as(p.probe().name()).isNotNull());
        }));

        ApiClient api = new ApiClient(port);
        Response r = api.get("/api/v1/health/components");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode components = r.json();
        assertThat(components).hasSize(RedSetBootTest.SET_COUNT);
        JsonNode first = components.get(0);
        assertThat(first.get("id").stringValue()).isEqualTo("set-00");
        assertThat(first.get("name").stringValue()).isEqualTo("SET 00");
        assertThat(first.get("group").stringValue()).isEqualTo("Red envelope claims");
        assertThat(first.get("set").stringValue()).isEqualTo("00");
        assertThat(first.get("status").stringValue()).isEqualTo("operational");
        assertThat(first.get("since").stringValue()).endsWith("Z");
        assertThat(first.has("cause")).as("no free text in public").isFalse();
        assertThat(first.get("probes")).hasSize(ProbeType.values().length - 1);
        assertThat(first.get("probes").get(0).get("probe").stringValue()).isEqualTo("db");
        assertThat(first.get("probes").get(0).get("level").stringValue()).isEqualTo("up");
        assertThat(first.get("probes").get(0).has("message")).isFalse();

        assertThat(api.get("/api/v1/admin/health/components").status()).isEqualTo(401);
        Response detail = api.as("admin", RedSetBootTest.ADMIN_PASSWORD).get("/api/v1/admin/health/components");
        assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
        JsonNode d = detail.json().get(0);
        assertThat(d.get("cause").stringValue()).isNotBlank();
        assertThat(d.get("mode").stringValue()).isNotBlank();
        assertThat(d.get("probes").get(0).get("message").stringValue()).startsWith("round trip");

        String scrape = api.get("/actuator/prometheus").body();
        assertThat(scrape).containsPattern("redset_probe_success\\{[^}]*probe=\"db\"[^}]*set=\"00\"[^}]*\\} 1")
                .contains("redset_probe_duration_seconds_bucket{")
                .contains("redset_probe_last_run_timestamp_seconds{");
    }
}

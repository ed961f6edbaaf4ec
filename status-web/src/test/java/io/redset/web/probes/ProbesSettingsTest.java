package io.redset.web.probes;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redset.probes.ComponentId;
import io.redset.probes.MaintenanceWindows;
import io.redset.probes.ProbesConfig;
import io.redset.probes.http.HttpProbeConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code redset.probes.*} keys bind and land in the probes module's config; refusals name the key. */
class ProbesSettingsTest {

    private static ProbesProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("redset.probes", ProbesProperties.class);
    }

    private static ProbesConfig config(Map<String, String> properties) {
        return ProbesSettings.toProbesConfig(bind(properties), ZoneOffset.UTC, new SimpleMeterRegistry(), MaintenanceWindows.none());
    }

    @Test
    void defaultsAreTheModulesDefaults() {
        ProbesProperties p = bind(Map.of());
        assertThat(p.enabled()).isTrue();
        ProbesConfig c = config(Map.of());
        ProbesConfig d = ProbesConfig.ofDefaults();
        assertThat(c.interval()).isEqualTo(d.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.jitter()).isEqualTo(d.jitter());
        assertThat(c.timeout()).isEqualTo(d.timeout());
        assertThat(c.failuresToDown()).isEqualTo(3);
        assertThat(c.successesToUp()).isEqualTo(2);
        assertThat(c.rawRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(c.rollupRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(c.db()).isEqualTo(d.db());
        assertThat(c.canary()).isEqualTo(d.canary());
        assertThat(c.reconcile()).isEqualTo(d.reconcile());
        assertThat(c.engine()).isEqualTo(d.engine());
        assertThat(c.http()).isEmpty();
        assertThat(c.zone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void mapsEveryKey() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("redset.probes.interval", "5s");
        p.put("redset.probes.jitter", "500ms");
        p.put("redset.probes.timeout", "PT2S");
        p.put("redset.probes.threads", "3");
        p.put("redset.probes.failures-to-down", "4");
        p.put("redset.probes.successes-to-up", "5");
        p.put("redset.probes.raw-retention", "3d");
        p.put("redset.probes.rollup-retention", "30d");
        p.put("redset.probes.housekeeping-interval", "1m");
        p.put("redset.probes.zone", "Asia/Shanghai");
        p.put("redset.probes.set-group", "Hongbao");
        p.put("redset.probes.http-group", "Sites");
        p.put("redset.probes.components.set-01.name", "Shanghai");
        p.put("redset.probes.components.set-01.description", "East China");
        p.put("redset.probes.db.slow-threshold", "100ms");
        p.put("redset.probes.canary.enabled", "false");
        p.put("redset.probes.canary.total-fen", "9");
        p.put("redset.probes.reconcile.interval", "PT30S");
        p.put("redset.probes.reconcile.timeout", "PT20S");
        p.put("redset.probes.reconcile.lookback", "PT2H");
        p.put("redset.probes.engine.max-error-ratio", "0.1");
        p.put("redset.probes.engine.max-p99", "250ms");
        p.put("redset.probes.engine.min-requests", "50");
        p.put("redset.probes.http[0].name", "homepage");
        p.put("redset.probes.http[0].display-name", "Home page");
        p.put("redset.probes.http[0].url", "https://www.example.com/");
        p.put("redset.probes.http[0].expected-status", "200,301-302");
        p.put("redset.probes.http[0].max-latency", "800ms");
        p.put("redset.probes.http[0].body-contains", "Red envelopes");
        p.put("redset.probes.http[0].headers[Authorization]", "Bearer secret");
        p.put("redset.probes.http[0].interval", "30s");
        ProbesConfig c = config(p);
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.jitter()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.threads()).isEqualTo(3);
        assertThat(c.failuresToDown()).isEqualTo(4);
        assertThat(c.successesToUp()).isEqualTo(5);
        assertThat(c.rawRetention()).isEqualTo(Duration.ofDays(3));
        assertThat(c.rollupRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(c.housekeepingInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(c.setGroup()).isEqualTo("Hongbao");
        assertThat(c.httpGroup()).isEqualTo("Sites");
        assertThat(c.components()).containsEntry(ComponentId.of("set-01"),
                new ProbesConfig.ComponentText("Shanghai", "East China", null));
        assertThat(c.db().slowThreshold()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.canary().enabled()).isFalse();
        assertThat(c.canary().totalFen()).isEqualTo(9);
        assertThat(c.reconcile().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.reconcile().lookback()).isEqualTo(Duration.ofHours(2));
        assertThat(c.engine().maxErrorRatio()).isEqualTo(0.1);
        assertThat(c.engine().maxP99()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.engine().minRequests()).isEqualTo(50);
        assertThat(c.http()).singleElement().satisfies(h -> {
            assertThat(h.name()).isEqualTo("homepage");
            assertThat(h.displayName()).isEqualTo("Home page");
            assertThat(h.url()).isEqualTo(URI.create("https://www.example.com/"));
            assertThat(h.expectedStatus().accepts(301)).isTrue();
            assertThat(h.expectedStatus().accepts(204)).isFalse();
            assertThat(h.maxLatency()).isEqualTo(Duration.ofMillis(800));
            assertThat(h.bodyContains()).isEqualTo("Red envelopes");
            assertThat(h.headers()).containsEntry("Authorization", "Bearer secret");
            assertThat(h.interval()).isEqualTo(Duration.ofSeconds(30));
        });
        assertThat(bind(p).http().get(0).toString()).doesNotContain("secret");
    }

    @Test
    void refusalsNameTheKey() {
        assertThatThrownBy(() -> config(Map.of("redset.probes.failures-to-down", "0")))
                .hasMessageStartingWith("redset.probes.failures-to-down must be 1..100");
        assertThatThrownBy(() -> config(Map.of("redset.probes.interval", "2s")))
                .hasMessageStartingWith("redset.probes.db: timeout (PT5S) must not exceed interval (PT2S)");
        assertThatThrownBy(() -> config(Map.of("redset.probes.canary.shares", "2")))
                .hasMessageStartingWith("redset.probes.canary.shares must be 3..100");
        assertThatThrownBy(() -> config(Map.of("redset.probes.components.Set_1.name", "x")))
                .hasMessageStartingWith("redset.probes.components[");
        assertThatThrownBy(() -> config(Map.of("redset.probes.http[0].url", "https://x.example/")))
                .hasMessageStartingWith("redset.probes.http[0]: name and url are required");
        assertThatThrownBy(() -> config(Map.of("redset.probes.http[0].name", "api", "redset.probes.http[0].url", "https://x/",
                "redset.probes.http[0].expected-status", "abc")))
                .hasMessageStartingWith("redset.probes.http[api].expected-status");
        assertThat(HttpProbeConfig.MAX_BODY_BYTES).isPositive();
    }
}

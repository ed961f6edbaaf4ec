package io.redset.probes;

import io.redset.probes.canary.CanaryProbeConfig;
import io.redset.probes.db.DbProbeConfig;
import io.redset.probes.http.HttpProbeConfig;
import io.redset.probes.http.StatusCodes;
import io.redset.probes.reconcile.ReconcileProbeConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Defaults, and bad values refused at build time with the setting named. */
class ProbesConfigTest {

    @Test
    void defaults() {
        ProbesConfig c = ProbesConfig.ofDefaults();
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.jitter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.failuresToDown()).isEqualTo(3);
        assertThat(c.successesToUp()).isEqualTo(2);
        assertThat(c.rawRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(c.rollupRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(c.setGroup()).isEqualTo("Red envelope claims");
        assertThat(c.intervalOf(c.reconcile().interval())).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.intervalOf(c.db().interval())).isEqualTo(Duration.ofSeconds(10));
        assertThat(ProbesConfig.from(c).interval(Duration.ofSeconds(20)).build().interval()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void refusesBadValuesNamingTheSetting() {
        assertThatThrownBy(() -> ProbesConfig.custom().interval(Duration.ZERO)).hasMessageStartingWith("interval must be positive");
        assertThatThrownBy(() -> ProbesConfig.custom().failuresToDown(0)).hasMessageStartingWith("failures-to-down must be 1..100");
        assertThatThrownBy(() -> ProbesConfig.custom().rawRetention(Duration.ofHours(1))).hasMessageStartingWith("raw-retention");
        assertThatThrownBy(() -> ProbesConfig.custom().interval(Duration.ofSeconds(2)).build())
                .hasMessageStartingWith("db: timeout (PT5S) must not exceed interval (PT2S)");
        assertThatThrownBy(() -> ProbesConfig.custom().jitter(Duration.ofSeconds(10)).build())
                .hasMessageStartingWith("jitter (PT10S) must be shorter than interval (PT10S)");
        assertThatThrownBy(() -> ProbesConfig.custom().rawRetention(Duration.ofDays(100)).build())
                .hasMessageStartingWith("rollup-retention (PT2160H) must be at least raw-retention");
        assertThatThrownBy(() -> new CanaryProbeConfig(true, null, null, Duration.ofSeconds(1), 2, 3, Duration.ofMinutes(1)))
                .hasMessageStartingWith("canary.total-fen must be 3..10000");
        assertThatThrownBy(() -> new DbProbeConfig(true, Duration.ofSeconds(-1), null, Duration.ofMillis(1)))
                .hasMessageStartingWith("db.interval must be positive");
        assertThatThrownBy(() -> ProbesConfig.custom().reconcile(new ReconcileProbeConfig(true, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofHours(1))).build())
                .hasMessageStartingWith("reconcile: timeout (PT30S) must not exceed interval (PT10S)");
    }

    @Test
    void httpTargetsAreChecked() {
        URI url = URI.create("https://status.example.com/health");
        assertThatThrownBy(() -> HttpProbeConfig.custom("Bad Name", url).build()).hasMessageStartingWith("http[].name");
        assertThatThrownBy(() -> HttpProbeConfig.custom("api", URI.create("ftp://x/")).build())
                .hasMessageStartingWith("http[api].url must be an absolute http or https URL");
        assertThatThrownBy(() -> HttpProbeConfig.custom("api", url).method("DELETE").build())
                .hasMessageStartingWith("http[api].method");
        assertThatThrownBy(() -> HttpProbeConfig.custom("api", url).expectedStatus("2xy"))
                .hasMessageStartingWith("http[api].expected-status: not a status code");
        assertThatThrownBy(() -> HttpProbeConfig.custom("api", url).bodyMatches("(")).hasMessageStartingWith("http[api].body-matches");
        HttpProbeConfig api = HttpProbeConfig.custom("api", url).build();
        assertThatThrownBy(() -> ProbesConfig.custom().http(api).http(api).build()).hasMessageContaining("unique");
        assertThatThrownBy(() -> ProbesConfig.custom().http(HttpProbeConfig.custom("api", url).timeout(Duration.ofSeconds(11)).build()).build())
                .hasMessageStartingWith("http[api]: timeout (PT11S) must not exceed interval");
        assertThat(api.displayName()).isEqualTo("api");
        assertThat(api.method()).isEqualTo("GET");
        assertThat(api.expectedStatus().toString()).isEqualTo("200-299");
    }

    @Test
    void statusCodesParse() {
        StatusCodes codes = StatusCodes.parse("200, 204,301-302 ,5xx");
        assertThat(codes.accepts(200)).isTrue();
        assertThat(codes.accepts(201)).isFalse();
        assertThat(codes.accepts(302)).isTrue();
        assertThat(codes.accepts(503)).isTrue();
        assertThat(codes.toString()).isEqualTo("200,204,301-302,500-599");
        assertThatThrownBy(() -> StatusCodes.parse("700")).hasMessageContaining("100..599");
    }

    @Test
    void componentTextsOverrideTheDefaults() {
        ProbesConfig c = ProbesConfig.custom()
                .component(ComponentId.of("set-01"), new ProbesConfig.ComponentText("Shanghai", null, "Claims (east)"))
                .http(HttpProbeConfig.custom("www", URI.create("https://www.example.com/")).group("Public").build())
                .build();
        var components = Probes.components(c, java.util.List.of(io.redset.engine.SetId.of(0), io.redset.engine.SetId.of(1)));
        assertThat(components).extracting(Component::id, Component::name, Component::group).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ComponentId.of("set-00"), "SET 00", "Red envelope claims"),
                org.assertj.core.groups.Tuple.tuple(ComponentId.of("set-01"), "Shanghai", "Claims (east)"),
                org.assertj.core.groups.Tuple.tuple(ComponentId.of("http-www"), "www", "Public"));
        assertThat(components.get(1).description()).contains("SET 01");
    }
}

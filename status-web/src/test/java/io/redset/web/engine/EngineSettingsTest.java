package io.redset.web.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redset.engine.EngineConfig;
import io.redset.engine.ModeStore;
import io.redset.engine.SetId;
import io.redset.engine.SetLimits;
import io.redset.web.RedSetProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code redset.*} keys bind as API.md says and land in the engine's config. */
class EngineSettingsTest {

    private static RedSetProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("redset", RedSetProperties.class);
    }

    private static EngineConfig config(Map<String, String> properties) {
        return EngineSettings.toEngineConfig(bind(properties), new SimpleMeterRegistry(), ModeStore.inMemory());
    }

    @Test
    void defaults() {
        RedSetProperties p = bind(Map.of());
        assertThat(p.embedded().enabled()).isTrue();
        assertThat(p.embedded().dataDir().normalize()).isEqualTo(java.nio.file.Path.of("data"));
        assertThat(p.embedded().port()).isZero();
        assertThat(p.sets().count()).isEqualTo(4);
        assertThat(p.sets().poolSize()).isEqualTo(16);
        assertThat(p.node().ownedSets()).isEqualTo("all");

        EngineConfig c = config(Map.of());
        assertThat(c.setCount()).isEqualTo(4);
        assertThat(c.ownedSets()).hasSize(4);
        assertThat(c.envelopeLifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(c.zone()).isEqualTo(ZoneId.of("UTC").normalized());
        assertThat(c.lanesPerSet()).isEqualTo(EngineConfig.DEFAULT_LANES_PER_SET);
        assertThat(c.limits()).isEqualTo(SetLimits.ofDefaults());
    }

    @Test
    void mapsEveryKey() {
        EngineConfig c = config(Map.of(
                "redset.sets.count", "6",
                "redset.node.owned-sets", "1-3,5",
                "redset.envelope.lifetime", "PT2H",
                "redset.engine.zone", "Asia/Shanghai",
                "redset.engine.lanes-per-set", "8",
                "redset.limits.claim-per-second", "500",
                "redset.limits.bulkhead-max-wait", "50ms",
                "redset.engine.circuit.wait-in-open-state", "10s"));
        assertThat(c.setCount()).isEqualTo(6);
        assertThat(c.ownedSets()).containsExactly(SetId.of(1), SetId.of(2), SetId.of(3), SetId.of(5));
        assertThat(c.envelopeLifetime()).isEqualTo(Duration.ofHours(2));
        assertThat(c.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(c.lanesPerSet()).isEqualTo(8);
        assertThat(c.limits().claimPerSecond()).isEqualTo(500);
        assertThat(c.limits().bulkheadMaxWait()).isEqualTo(Duration.ofMillis(50));
        assertThat(c.limits().sendPerSecond()).isEqualTo(SetLimits.DEFAULT_SEND_PER_SECOND);
        assertThat(c.circuit().waitInOpenState()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> bind(Map.of("redset.node.owned-sets", "0-")))
                .hasStackTraceContaining("redset.node.owned-sets");
        assertThatThrownBy(() -> bind(Map.of("redset.sets.count", "2", "redset.node.owned-sets", "3")))
                .hasStackTraceContaining("names SET 3");
        assertThatThrownBy(() -> config(Map.of("redset.engine.lanes-per-set", "0")))
                .hasMessageContaining("redset.engine.lanes-per-set");
        assertThatThrownBy(() -> config(Map.of("redset.limits.claim-per-second", "0")))
                .hasMessageContaining("redset.limits.claim-per-second");
        assertThatThrownBy(() -> config(Map.of("redset.envelope.lifetime", "P30D")))
                .hasMessageContaining("redset.envelope.lifetime");
    }

    @Test
    void secretsStayOutOfToString() {
        RedSetProperties p = bind(Map.of("redset.control.password", "s3cret", "redset.sets.password", "s3cret",
                "redset.admin.password", "s3cret-admin"));
        assertThat(p.toString()).doesNotContain("s3cret");
    }
}

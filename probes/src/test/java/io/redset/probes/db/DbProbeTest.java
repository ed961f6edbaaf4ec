package io.redset.probes.db;

import io.redset.engine.ClaimEngine;
import io.redset.engine.SetId;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.EngineFixture;
import io.redset.probes.ComponentId;
import io.redset.probes.ProbeContext;
import io.redset.probes.ProbeOutcome;
import io.redset.probes.ProbeResult;
import io.redset.probes.ProbeType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The db probe measures one round trip through the SET pool; slow is DEGRADED. (A dead database: SetOutageProbeTest.) */
@DatabaseTest
class DbProbeTest {

    @Test
    void measuresTheRoundTrip() {
        try (EngineFixture fixture = new EngineFixture(1, 2, b -> b.backgroundJobs(false))) {
            ClaimEngine engine = fixture.start();
            // a generous slow threshold: the first query opens a connection of a new pool, which can take
            // long on a loaded machine; slow-is-DEGRADED is checked below with a threshold of its own
            Duration slowThreshold = Duration.ofSeconds(30);
            DbProbe probe = new DbProbe(SetId.of(1 - 1), engine, Duration.ofSeconds(10), Duration.ofSeconds(5), slowThreshold);
            assertThat(probe.component()).isEqualTo(ComponentId.of("set-00"));
            assertThat(probe.type()).isEqualTo(ProbeType.DB);
            ProbeResult ok = probe.run(context());
            assertThat(ok.outcome()).as(ok.message()).isEqualTo(ProbeOutcome.OK);
            assertThat(ok.latency()).isPositive().isLessThan(slowThreshold);
            assertThat(ok.message()).startsWith("round trip ").endsWith(" ms");

            DbProbe strict = new DbProbe(SetId.of(0), engine, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofNanos(1));
            ProbeResult slow = strict.run(context());
            assertThat(slow.outcome()).isEqualTo(ProbeOutcome.DEGRADED);
            assertThat(slow.message()).contains("above 0.0 ms");
        }
    }

    private static ProbeContext context() {
        return new ProbeContext(Clock.systemUTC().instant(), Duration.ofSeconds(5), Clock.systemUTC());
    }
}

package io.redset.probes.reconcile;

import io.redset.engine.ClaimEngine;
import io.redset.engine.EnvelopeId;
import io.redset.engine.SendCommand;
import io.redset.engine.SetId;
import io.redset.engine.SplitMode;
import io.redset.engine.testing.ControlDatabase;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.EngineFixture;
import io.redset.probes.ComponentId;
import io.redset.probes.ComponentStatus;
import io.redset.probes.ProbeContext;
import io.redset.probes.ProbeOutcome;
import io.redset.probes.ProbeResult;
import io.redset.probes.ProbeRun;
import io.redset.probes.Probes;
import io.redset.probes.ProbesConfig;
import io.redset.probes.canary.CanaryProbeConfig;
import io.redset.probes.db.DbProbeConfig;
import io.redset.probes.engine.EngineProbeConfig;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A deliberately corrupted envelope row (test only) makes reconcile report it, critically, by id. */
@DatabaseTest
class ReconcileProbeTest {

    @Test
    void aCorruptedEnvelopeIsACriticalResultNamingIt() throws Exception {
        try (EngineFixture fixture = new EngineFixture(1, 2, b -> b.backgroundJobs(false));
             ControlDatabase control = new ControlDatabase()) {
            ClaimEngine engine = fixture.start();
            SetId set = SetId.of(0);
            EnvelopeId good = engine.send(SendCommand.of("alice", 100, 2, SplitMode.LUCKY)).envelopeId();
            EnvelopeId bad = engine.send(SendCommand.of("bob", 100, 2, SplitMode.LUCKY)).envelopeId();
            engine.claim(good, "u1");
            engine.claim(bad, "u1");

            ReconcileProbe probe = new ReconcileProbe(set, engine, Clock.systemUTC(), Duration.ofMinutes(1),
                    Duration.ofSeconds(30), Duration.ofHours(1));
            ProbeResult clean = probe.run(context());
            assertThat(clean.outcome()).isEqualTo(ProbeOutcome.OK);
            assertThat(clean.message()).startsWith("money rules hold");

            // start the probes (only reconcile) before the corruption, so the component is watched
            ProbesConfig config = ProbesConfig.custom().backgroundThreads(false)
                    .db(new DbProbeConfig(false, null, null, DbProbeConfig.DEFAULT_SLOW_THRESHOLD))
                    .canary(disabledCanary())
                    .engine(disabledEngine())
                    .build();
            try (Probes probes = Probes.start(config, engine, control.dataSource())) {
                // test only: the envelope row now says one fen more remains than the claims left
                try (Connection c = fixture.pool(set).getConnection(); Statement s = c.createStatement()) {
                    assertThat(s.executeUpdate("UPDATE envelope SET remaining_fen = remaining_fen + 1 WHERE envelope_id = "
                            + bad.value())).isOne();
                }
                ProbeResult corrupt = probe.run(context());
                assertThat(corrupt.outcome()).isEqualTo(ProbeOutcome.CRITICAL);
                assertThat(corrupt.message()).contains("envelope " + bad).doesNotContain("envelope " + good)
                        .contains("sum(claims) + remaining = total");

                ComponentId component = ComponentId.ofSet(set);
                Instant start = Instant.now();
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    probes.tick();
                    return probes.health().component(component).orElseThrow().status() == ComponentStatus.PARTIAL_OUTAGE;
                });
                // one critical result is enough: no waiting for N failures
                assertThat(probes.health().component(component).orElseThrow().cause())
                        .startsWith("reconcile: critical: money mismatch on 1 envelope(s): envelope " + bad);
                List<ProbeRun> stored = probes.results(component, start.minusSeconds(60), Instant.now().plusSeconds(1));
                assertThat(stored).singleElement().satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(ProbeOutcome.CRITICAL);
                    assertThat(r.result().message()).contains(bad.toString());
                });
            }
        }
    }

    static CanaryProbeConfig disabledCanary() {
        CanaryProbeConfig d = CanaryProbeConfig.ofDefaults();
        return new CanaryProbeConfig(false, null, null, d.slowThreshold(), d.totalFen(), d.shares(), d.refundGrace());
    }

    static EngineProbeConfig disabledEngine() {
        EngineProbeConfig d = EngineProbeConfig.ofDefaults();
        return new EngineProbeConfig(false, null, null, d.maxErrorRatio(), d.maxRejectionRatio(), d.maxP99(),
                d.maxQueueDepth(), d.minRequests());
    }

    private static ProbeContext context() {
        return new ProbeContext(Instant.now(), Duration.ofSeconds(30), Clock.systemUTC());
    }
}

package io.redset.probes.canary;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redset.engine.ClaimEngine;
import io.redset.engine.SetId;
import io.redset.engine.SetMode;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.EngineFixture;
import io.redset.engine.testing.MoneyInvariants;
import io.redset.engine.testing.MutableClock;
import io.redset.probes.ProbeContext;
import io.redset.probes.ProbeOutcome;
import io.redset.probes.ProbeResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The canary's round through a SET, its refund check, its modes, and that its traffic stays out of business metrics. */
@DatabaseTest
class CanaryProbeTest {

    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock(Instant.now());
    private final MeterRegistry registry = new SimpleMeterRegistry();

    private EngineFixture fixture(int sets) {
        return new EngineFixture(sets, 2, b -> b.backgroundJobs(false).clock(clock).meterRegistry(registry)
                .envelopeLifetime(LIFETIME));
    }

    /**
     * Defaults but a generous slow threshold: these tests check the round's logic, not its speed, and a
     * round of real fsync'd writes can take over the default 1 s on a loaded machine (DEGRADED, not OK).
     */
    private static final CanaryProbeConfig CONFIG = new CanaryProbeConfig(true, null, null, Duration.ofSeconds(30),
            CanaryProbeConfig.DEFAULT_TOTAL_FEN, CanaryProbeConfig.DEFAULT_SHARES, CanaryProbeConfig.DEFAULT_REFUND_GRACE);

    private CanaryProbe canary(ClaimEngine engine, SetId set) {
        return new CanaryProbe(set, engine, clock, CONFIG, Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    private ProbeResult run(CanaryProbe probe) {
        return probe.run(new ProbeContext(clock.instant(), Duration.ofSeconds(5), clock));
    }

    @Test
    void aRoundThroughEachSetLandsInThatSet() {
        try (EngineFixture fixture = fixture(3)) {
            ClaimEngine engine = fixture.start();
            for (int i = 0; i < 3; i++) {
                SetId set = SetId.of(i);
                CanaryProbe probe = canary(engine, set);
                assertThat(engine.homeSetOf(probe.sender())).isEqualTo(SetId.of(i));
                ProbeResult r = run(probe);
                assertThat(r.outcome()).as(r.message()).isEqualTo(ProbeOutcome.OK);
                assertThat(r.message()).contains("claimed").contains("details add up");
                assertThat(EngineFixture.query(fixture.pool(set), "SELECT count(*) FROM envelope WHERE probe").get(0)[0])
                        .isEqualTo(1L);
                assertThat(MoneyInvariants.violations(fixture.pool(set))).isEmpty();
            }
        }
    }

    @Test
    void canaryTrafficIsTaggedAndKeptOutOfBusinessMetrics() {
        try (EngineFixture fixture = fixture(1)) {
            ClaimEngine engine = fixture.start();
            assertThat(run(canary(engine, SetId.of(0))).outcome()).isEqualTo(ProbeOutcome.OK);
            for (String op : new String[] {"send", "grab", "claim"}) {
                assertThat(registry.find("redset.probe.requests").tag("set", "00").tag("operation", op).counters())
                        .as("probe requests of %s", op).isNotEmpty();
                assertThat(registry.find("redset.requests").tag("operation", op).counters())
                        .as("business requests of %s", op).isEmpty();
            }
            assertThat(registry.find("redset.money.fen").counters()).as("money counters").isEmpty();
            // the envelope carries the probe flag, so user-facing totals can leave it out
            assertThat(EngineFixture.query(fixture.pool(SetId.of(0)), "SELECT probe, sender_id, total_fen FROM envelope").get(0))
                    .containsExactly(true, canary(engine, SetId.of(0)).sender(), 30L);
        }
    }

    @Test
    void verifiesTheRefundOfItsExpiredEnvelopes() {
        try (EngineFixture fixture = fixture(1)) {
            ClaimEngine engine = fixture.start();
            SetId set = SetId.of(0);
            CanaryProbe probe = canary(engine, set);
            assertThat(run(probe).outcome()).isEqualTo(ProbeOutcome.OK);

            // past expiry and grace, after the engine's sweep: the unclaimed share was refunded
            clock.advance(LIFETIME.plus(CanaryProbeConfig.DEFAULT_REFUND_GRACE));
            assertThat(engine.sweepExpired(set)).isOne();
            ProbeResult r = run(probe);
            assertThat(r.outcome()).as(r.message()).isEqualTo(ProbeOutcome.OK);
            assertThat(r.message()).endsWith("refund of 1 expired canary envelope(s) verified");

            // no sweep this time: the probe notices the missing refund
            clock.advance(LIFETIME.plus(CanaryProbeConfig.DEFAULT_REFUND_GRACE));
            ProbeResult missing = run(probe);
            assertThat(missing.outcome()).isEqualTo(ProbeOutcome.FAILED);
            assertThat(missing.message()).contains("but is ACTIVE").contains("refunded after the grace");
            assertThat(MoneyInvariants.violations(fixture.pool(set))).isEmpty();
        }
    }

    @Test
    void followsTheSetMode() {
        try (EngineFixture fixture = fixture(1)) {
            ClaimEngine engine = fixture.start();
            SetId set = SetId.of(0);
            CanaryProbe probe = canary(engine, set);
            for (SetMode mode : new SetMode[] {SetMode.SEND_PAUSED, SetMode.READ_ONLY, SetMode.OFFLINE}) {
                engine.setMode(set, mode, "test", "admin");
                ProbeResult r = run(probe);
                assertThat(r.outcome()).as("in %s", mode).isEqualTo(ProbeOutcome.SKIPPED);
                assertThat(r.message()).contains("mode " + mode);
            }
            engine.setMode(set, SetMode.DEGRADED, "test", "admin");
            ProbeResult degraded = run(probe);
            assertThat(degraded.outcome()).as(degraded.message()).isEqualTo(ProbeOutcome.OK);
            assertThat(degraded.message()).doesNotContain("details");
            engine.setMode(set, SetMode.NORMAL, "test", "admin");
            assertThat(run(probe).message()).contains("details add up");
        }
    }
}

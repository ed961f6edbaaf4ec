package io.redset.probes.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redset.engine.ClaimEngine;
import io.redset.engine.EnvelopeId;
import io.redset.engine.SendCommand;
import io.redset.engine.SetId;
import io.redset.engine.SplitMode;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.EngineFixture;
import io.redset.probes.ProbeContext;
import io.redset.probes.ProbeOutcome;
import io.redset.probes.ProbeResult;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine probe reads the engine's own meters of its SET over the window since its last run. */
@DatabaseTest
class EngineProbeTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private ProbeResult run(EngineProbe probe) {
        return probe.run(new ProbeContext(Instant.now(), Duration.ofSeconds(5), Clock.systemUTC()));
    }

    /** A request as the engine counts it: same meter names and tags, so the same meters. */
    private void requests(String outcome, int n) {
        Counter.builder("redset.requests").tag("set", "00").tag("operation", "claim").tag("outcome", outcome)
                .register(registry).increment(n);
    }

    @Test
    void judgesErrorsRejectionsAndLatencyOverTheWindow() {
        try (EngineFixture fixture = new EngineFixture(1, 2, b -> b.backgroundJobs(false).meterRegistry(registry))) {
            ClaimEngine engine = fixture.start();
            // a generous max p99 while real claims (committed with fsync) are measured: their speed on a
            // loaded machine is not what this test checks; the slow case below has a probe with the default
            Duration generousP99 = Duration.ofSeconds(30);
            EngineProbeConfig defaults = EngineProbeConfig.ofDefaults();
            EngineProbe probe = new EngineProbe(SetId.of(0), engine, new EngineProbeConfig(true, null, null,
                    defaults.maxErrorRatio(), defaults.maxRejectionRatio(), generousP99, defaults.maxQueueDepth(),
                    defaults.minRequests()), Duration.ofSeconds(10), Duration.ofSeconds(5));
            ProbeResult first = run(probe);
            assertThat(first.outcome()).isEqualTo(ProbeOutcome.OK);
            assertThat(first.message()).contains("circuit CLOSED");

            // real traffic through the engine: all fine
            EnvelopeId id = engine.send(SendCommand.of("alice", 1000, 50, SplitMode.LUCKY)).envelopeId();
            for (int i = 0; i < 40; i++) {
                engine.claim(id, "user-" + i);
            }
            ProbeResult busy = run(probe);
            assertThat(busy.outcome()).as(busy.message()).isEqualTo(ProbeOutcome.OK);
            assertThat(busy.message()).contains("41 requests since the last run", "errors 0.0%", "p99 <= ");
            assertThat(busy.latency()).isNotNull().isLessThanOrEqualTo(generousP99);

            // nothing since: too few to judge, still fine
            assertThat(run(probe).message()).contains("0 requests since the last run (too few to judge)");

            // 10 errors in 40 requests: 25% > 5%
            requests("success", 30);
            requests("unavailable", 10);
            ProbeResult failing = run(probe);
            assertThat(failing.outcome()).isEqualTo(ProbeOutcome.FAILED);
            assertThat(failing.message()).startsWith("error ratio 25.0% above 5.0%");

            // 15 rate-limit rejections in 40: 37.5% > 20%
            requests("success", 25);
            requests("rejected_rate_limit", 15);
            ProbeResult rejecting = run(probe);
            assertThat(rejecting.outcome()).isEqualTo(ProbeOutcome.DEGRADED);
            assertThat(rejecting.message()).startsWith("rejection ratio 37.5% above 20.0%");

            // slow: every request of the window took 2 s, judged by a probe with the default max p99 (1 s);
            // its first run only starts its window
            EngineProbe strict = new EngineProbe(SetId.of(0), engine, defaults, Duration.ofSeconds(10), Duration.ofSeconds(5));
            run(strict);
            Timer timer = registry.find("redset.request.duration").tag("set", "00").tag("operation", "claim").timer();
            assertThat(timer).isNotNull();
            requests("success", 30);
            for (int i = 0; i < 30; i++) {
                timer.record(Duration.ofSeconds(2));
            }
            ProbeResult slow = run(strict);
            assertThat(slow.outcome()).isEqualTo(ProbeOutcome.DEGRADED);
            assertThat(slow.message()).startsWith("p99 <= 2500 ms above 1000 ms");
            assertThat(slow.latency()).isEqualTo(Duration.ofMillis(2500));
        }
    }

    @Test
    void percentileOfCumulativeBuckets() {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        buckets.put(1e6, 50.0);   // <= 1 ms
        buckets.put(5e6, 98.0);   // <= 5 ms
        buckets.put(10e6, 100.0); // <= 10 ms
        assertThat(EngineMeterWindow.percentile(buckets, 100, 0.5)).isEqualTo(Duration.ofMillis(1));
        assertThat(EngineMeterWindow.percentile(buckets, 100, 0.99)).isEqualTo(Duration.ofMillis(10));
        assertThat(EngineMeterWindow.percentile(buckets, 200, 0.99)).isEqualTo(EngineMeterWindow.ABOVE_BUCKETS);
        assertThat(EngineMeterWindow.percentile(buckets, 0, 0.99)).isNull();
    }
}

package io.redset.probes.internal;

import io.redset.probes.ComponentId;
import io.redset.probes.ProbeId;
import io.redset.probes.ProbeLevel;
import io.redset.probes.ProbeOutcome;
import io.redset.probes.ProbeResult;
import io.redset.probes.ProbeRun;
import io.redset.probes.ProbeType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.redset.probes.ProbeOutcome.CRITICAL;
import static io.redset.probes.ProbeOutcome.DEGRADED;
import static io.redset.probes.ProbeOutcome.FAILED;
import static io.redset.probes.ProbeOutcome.OK;
import static io.redset.probes.ProbeOutcome.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;

/** N consecutive bad results to go down, M better ones to come back, CRITICAL at once, SKIPPED ignored. */
class ProbeHysteresisTest {

    private static final ProbeId PROBE = new ProbeId(ComponentId.of("set-00"), ProbeType.DB);
    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    private final ProbeHysteresis h = new ProbeHysteresis(PROBE, 3, 2, T0);
    private int seconds;

    private boolean feed(ProbeOutcome outcome) {
        seconds += 10;
        return h.accept(new ProbeRun(PROBE, T0.plusSeconds(seconds), new ProbeResult(outcome, Duration.ofMillis(1), "m" + seconds)));
    }

    @Test
    void goesDownAfterNFailuresAndUpAfterMSuccesses() {
        assertThat(h.level()).isEqualTo(ProbeLevel.UP);
        assertThat(feed(FAILED)).isFalse();
        assertThat(feed(FAILED)).isFalse();
        assertThat(h.level()).isEqualTo(ProbeLevel.UP);
        assertThat(feed(FAILED)).isTrue();
        assertThat(h.level()).isEqualTo(ProbeLevel.DOWN);
        assertThat(h.cause()).isEqualTo("3 consecutive bad results, last: failed (m30)");
        assertThat(h.state().levelSince()).isEqualTo(T0.plusSeconds(30));

        assertThat(feed(OK)).isFalse();
        assertThat(feed(FAILED)).isFalse(); // a success in between restarts the count
        assertThat(feed(OK)).isFalse();
        assertThat(h.level()).isEqualTo(ProbeLevel.DOWN);
        assertThat(feed(OK)).isTrue();
        assertThat(h.level()).isEqualTo(ProbeLevel.UP);
        assertThat(h.cause()).startsWith("2 consecutive better results");
    }

    @Test
    void aFlappingProbeNeverGoesDown() {
        for (int i = 0; i < 20; i++) {
            feed(i % 3 == 2 ? OK : FAILED);
        }
        assertThat(h.level()).isEqualTo(ProbeLevel.UP);
    }

    @Test
    void mixedBadResultsGiveTheLevelHeldNTimes() {
        feed(FAILED);
        feed(DEGRADED);
        feed(FAILED);
        assertThat(h.level()).isEqualTo(ProbeLevel.DEGRADED);
        feed(FAILED);
        assertThat(h.level()).isEqualTo(ProbeLevel.DEGRADED);
        feed(FAILED);
        assertThat(h.level()).isEqualTo(ProbeLevel.DOWN);
        // coming back through DEGRADED
        feed(DEGRADED);
        feed(DEGRADED);
        assertThat(h.level()).isEqualTo(ProbeLevel.DEGRADED);
        feed(OK);
        assertThat(h.level()).isEqualTo(ProbeLevel.DEGRADED);
        feed(OK);
        assertThat(h.level()).isEqualTo(ProbeLevel.UP);
    }

    @Test
    void criticalGoesDownAtOnce() {
        feed(OK);
        assertThat(feed(CRITICAL)).isTrue();
        assertThat(h.level()).isEqualTo(ProbeLevel.DOWN);
        assertThat(h.cause()).isEqualTo("critical: m20");
        feed(OK);
        assertThat(h.level()).isEqualTo(ProbeLevel.DOWN);
        feed(OK);
        assertThat(h.level()).isEqualTo(ProbeLevel.UP);
    }

    @Test
    void skippedResultsChangeNothing() {
        feed(FAILED);
        feed(FAILED);
        feed(SKIPPED);
        feed(SKIPPED);
        assertThat(h.level()).isEqualTo(ProbeLevel.UP);
        feed(FAILED);
        assertThat(h.level()).isEqualTo(ProbeLevel.DOWN);
        assertThat(h.runs()).isEqualTo(5);
        assertThat(h.state().last().outcome()).isEqualTo(FAILED);
    }

    @Test
    void withOneAndOneItFollowsEveryResult() {
        ProbeHysteresis eager = new ProbeHysteresis(PROBE, 1, 1, T0);
        eager.accept(new ProbeRun(PROBE, T0, ProbeResult.failed(null, "x")));
        assertThat(eager.level()).isEqualTo(ProbeLevel.DOWN);
        eager.accept(new ProbeRun(PROBE, T0, ProbeResult.degraded(null, "x")));
        assertThat(eager.level()).isEqualTo(ProbeLevel.DEGRADED);
        eager.accept(new ProbeRun(PROBE, T0, ProbeResult.ok(null, "x")));
        assertThat(eager.level()).isEqualTo(ProbeLevel.UP);
    }
}

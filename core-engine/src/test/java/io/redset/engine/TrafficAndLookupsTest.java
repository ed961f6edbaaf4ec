package io.redset.engine;

import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.EngineFixture;
import io.redset.engine.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What outsiders cannot do cheaply: claim the canary's envelopes (customer and probe traffic are
 * kept apart), or make the SET database answer for ids that were never issued.
 */
@DatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrafficAndLookupsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private EngineFixture fixture;
    private ClaimEngine engine;

    @BeforeAll
    void start() {
        fixture = new EngineFixture(2, 8, b -> b.clock(clock).backgroundJobs(false).lanesPerSet(2)
                .envelopeLifetime(Duration.ofHours(24)));
        engine = fixture.start();
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void customersNeverSeeTheCanarysEnvelopesNorTheCanaryTheirs() {
        SendReceipt probe = engine.send(new SendCommand("redset-canary", 30, 3, SplitMode.LUCKY, null, null, true));
        EnvelopeId id = probe.envelopeId();
        assertThatThrownBy(() -> engine.claim(id, "mallory")).isInstanceOf(EnvelopeNotFoundException.class);
        assertThatThrownBy(() -> engine.grab(id, "mallory")).isInstanceOf(EnvelopeNotFoundException.class);
        assertThatThrownBy(() -> engine.details(id)).isInstanceOf(EnvelopeNotFoundException.class);
        assertThat(engine.claim(id, "probe-a", Traffic.PROBE).outcome()).isEqualTo(ClaimOutcome.CLAIMED);
        EnvelopeDetails d = engine.details(id, Traffic.PROBE);
        assertThat(d.claims()).extracting(EnvelopeDetails.ClaimLine::userId).containsExactly("probe-a");
        assertThat(d.probe()).isTrue();
        assertThat(fixture.countAll("SELECT count(*) FROM claim WHERE user_id = 'mallory'")).isZero();

        SendReceipt customer = engine.send(SendCommand.of("alice", 100, 2, SplitMode.LUCKY));
        assertThatThrownBy(() -> engine.claim(customer.envelopeId(), "probe-a", Traffic.PROBE))
                .isInstanceOf(EnvelopeNotFoundException.class);
        assertThat(engine.details(customer.envelopeId()).probe()).isFalse();
    }

    @Test
    void anIdAboveTheIssuedSequenceIsUnknownWithoutAQuery() {
        SendReceipt r = engine.send(SendCommand.of("bob", 100, 1, SplitMode.LUCKY));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        EnvelopeId never = EnvelopeId.of(today, r.set(), r.envelopeId().sequence() + 1000);
        long before = fixture.connectionsTaken(r.set());
        assertThatThrownBy(() -> engine.claim(never, "u")).isInstanceOf(EnvelopeNotFoundException.class);
        assertThatThrownBy(() -> engine.grab(never, "u")).isInstanceOf(EnvelopeNotFoundException.class);
        assertThatThrownBy(() -> engine.details(never)).isInstanceOf(EnvelopeNotFoundException.class);
        assertThat(fixture.connectionsTaken(r.set()) - before).as("connections taken from the SET pool").isZero();
        // a real id just below still loads from the database once evicted or unknown to memory
        assertThat(engine.details(r.envelopeId()).totalFen()).isEqualTo(100);
    }

    @Test
    void aSendLimitedToSomeSetsLandsInThem() {
        for (int i = 0; i < 10; i++) {
            SendReceipt r = engine.send(SendCommand.of("limited-" + i, 10, 1, SplitMode.LUCKY), Set.of(SetId.of(1)));
            assertThat(r.set()).isEqualTo(SetId.of(1));
        }
    }
}

package io.redset.engine;

import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.EngineFixture;
import io.redset.engine.testing.MoneyInvariants;
import io.redset.engine.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Monthly recycling of day partitions into the cold archive, driven by an injected clock. */
@DatabaseTest
class DayPartitionArchiveTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-03T10:00:00Z"));
    private EngineFixture fixture;
    private ClaimEngine engine;
    private final SetId set = SetId.of(0);

    @BeforeEach
    void start() {
        fixture = new EngineFixture(1, 4, b -> b.clock(clock).backgroundJobs(false).lanesPerSet(2));
        engine = fixture.start();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private long live(String table, EnvelopeId id) {
        return (Long) EngineFixture.query(fixture.pool(set), "SELECT count(*) FROM " + table + " WHERE envelope_id = ?",
                id.value()).get(0)[0];
    }

    @Test
    void finishedDaysMoveToTheArchiveAndStillAnswerDetails() {
        EnvelopeId open = engine.send(SendCommand.of("amy", 1000, 5, SplitMode.LUCKY)).envelopeId();
        EnvelopeId sold = engine.send(SendCommand.of("ben", 20, 2, SplitMode.EQUAL)).envelopeId();
        long got = engine.claim(open, "cat").amountFen();
        engine.claim(sold, "cat");
        engine.claim(sold, "dan");

        clock.set(Instant.parse("2026-11-04T11:00:00Z"));
        assertThat(engine.sweepExpired(set)).isEqualTo(1);
        assertThat(engine.archiveFinishedDays(set)).as("too early: the day just finished").isZero();

        clock.set(Instant.parse("2026-11-06T01:00:00Z"));
        assertThat(engine.archiveFinishedDays(set)).isEqualTo(1);
        assertThat(live("envelope", open)).isZero();
        assertThat(live("claim", open)).isZero();
        assertThat(live("ledger_entry", open)).isZero();
        assertThat(live("archive.envelope_20261103", open)).isOne();
        assertThat(live("archive.ledger_entry_20261103", open)).isEqualTo(3); // SEND, CLAIM, REFUND

        EnvelopeDetails d = engine.details(open);
        assertThat(d.archived()).isTrue();
        assertThat(d.status()).isEqualTo(EnvelopeStatus.EXPIRED);
        assertThat(d.refundedFen()).isEqualTo(1000 - got);
        assertThat(d.claims()).hasSize(1);
        assertThat(engine.details(sold).claims()).extracting(EnvelopeDetails.ClaimLine::amountFen).containsExactly(10L, 10L);
        assertThat(engine.claim(open, "cat").outcome()).isEqualTo(ClaimOutcome.ALREADY_CLAIMED);

        // a month later day 3 is used again, by fresh envelopes, in a fresh partition
        clock.set(Instant.parse("2026-12-03T09:00:00Z"));
        EnvelopeId december = engine.send(SendCommand.of("amy", 300, 3, SplitMode.EQUAL)).envelopeId();
        assertThat(december.day()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(engine.claim(december, "cat").amountFen()).isEqualTo(100);
        assertThat(engine.details(december).archived()).isFalse();
        assertThat(engine.details(open).archived()).isTrue();
        assertThat(MoneyInvariants.violations(fixture.pool(set))).isEmpty();

        // and in January the December day goes to its own archive table next to November's
        clock.set(Instant.parse("2027-01-03T09:00:00Z"));
        engine.sweepExpired(set);
        assertThat(engine.archiveFinishedDays(set)).isEqualTo(1);
        assertThat(engine.details(december).archived()).isTrue();
        assertThat(engine.details(december).refundedFen()).isEqualTo(200);
    }

    @Test
    void aSendOnAnUnarchivedDayArchivesItFirst() {
        EnvelopeId old = engine.send(SendCommand.of("eve", 500, 5, SplitMode.LUCKY)).envelopeId();
        clock.set(Instant.parse("2026-12-03T08:00:00Z"));
        engine.sweepExpired(set); // refunds November's envelope; the archiver has not run
        EnvelopeId fresh = engine.send(SendCommand.of("eve", 500, 5, SplitMode.LUCKY)).envelopeId();
        assertThat(fresh.dayOfMonth()).isEqualTo(old.dayOfMonth());
        assertThat(live("envelope", old)).isZero();
        assertThat(engine.details(old).archived()).isTrue();
        assertThat(engine.details(old).refundedFen()).isEqualTo(500);
        assertThat(MoneyInvariants.violations(fixture.pool(set))).isEmpty();
    }
}

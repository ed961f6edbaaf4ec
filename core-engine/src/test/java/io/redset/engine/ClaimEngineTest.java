package io.redset.engine;

import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.EngineFixture;
import io.redset.engine.testing.MoneyInvariants;
import io.redset.engine.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The engine's operations, one at a time, on real SET databases. */
@DatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimEngineTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private EngineFixture fixture;
    private ClaimEngine engine;

    @BeforeAll
    void start() {
        fixture = new EngineFixture(2, 6, b -> b.clock(clock).backgroundJobs(false).lanesPerSet(2)
                .envelopeLifetime(Duration.ofHours(24)));
        engine = fixture.start();
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private long rows(String table) {
        return fixture.countAll("SELECT count(*) FROM " + table);
    }

    @Test
    void sendGrabClaimDetails() {
        SendReceipt r = engine.send(SendCommand.of("alice", 1000, 3, SplitMode.LUCKY).withGreeting("恭喜发财"));
        assertThat(r.envelopeId().set()).isEqualTo(r.set());
        assertThat(r.envelopeId().day()).isEqualTo(java.time.LocalDate.of(2026, 11, 21));
        assertThat(r.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));

        assertThat(engine.grab(r.envelopeId(), "bob")).isEqualTo(GrabAnswer.OPEN);
        ClaimAnswer bob = engine.claim(r.envelopeId(), "bob");
        assertThat(bob.outcome()).isEqualTo(ClaimOutcome.CLAIMED);
        assertThat(bob.seq()).isEqualTo(1);
        assertThat(engine.grab(r.envelopeId(), "bob")).isEqualTo(GrabAnswer.closed(ClaimOutcome.ALREADY_CLAIMED));
        assertThat(engine.claim(r.envelopeId(), "bob")).isEqualTo(ClaimAnswer.alreadyClaimed(bob.amountFen(), 1));

        ClaimAnswer carol = engine.claim(r.envelopeId(), "carol");
        ClaimAnswer dave = engine.claim(r.envelopeId(), "dave");
        assertThat(carol.seq()).isEqualTo(2);
        assertThat(dave.seq()).isEqualTo(3);
        assertThat(bob.amountFen() + carol.amountFen() + dave.amountFen()).isEqualTo(1000);
        assertThat(engine.claim(r.envelopeId(), "erin")).isEqualTo(ClaimAnswer.of(ClaimOutcome.SOLD_OUT));
        assertThat(engine.grab(r.envelopeId(), "erin")).isEqualTo(GrabAnswer.closed(ClaimOutcome.SOLD_OUT));

        EnvelopeDetails d = engine.details(r.envelopeId());
        assertThat(d.status()).isEqualTo(EnvelopeStatus.SOLD_OUT);
        assertThat(d.remainingFen()).isZero();
        assertThat(d.greeting()).isEqualTo("恭喜发财");
        assertThat(d.claims()).extracting(EnvelopeDetails.ClaimLine::userId).containsExactly("bob", "carol", "dave");
        long max = d.claims().stream().mapToLong(EnvelopeDetails.ClaimLine::amountFen).max().orElseThrow();
        assertThat(d.claims().stream().filter(c -> c.userId().equals(d.luckiestUserId())).findFirst().orElseThrow().amountFen())
                .isEqualTo(max);
        assertInvariants();
    }

    @Test
    void equalEnvelopeSplitsEvenly() {
        SendReceipt r = engine.send(SendCommand.of("frank", 900, 3, SplitMode.EQUAL));
        for (String u : List.of("u1", "u2", "u3")) {
            assertThat(engine.claim(r.envelopeId(), u).amountFen()).isEqualTo(300);
        }
        assertInvariants();
    }

    @Test
    void repeatedRequestIdReturnsTheFirstEnvelope() {
        SendCommand cmd = SendCommand.of("grace", 500, 5, SplitMode.LUCKY).withRequestId("req-1");
        SendReceipt first = engine.send(cmd);
        long envelopes = rows("envelope");
        SendReceipt again = engine.send(cmd);
        assertThat(again.envelopeId()).isEqualTo(first.envelopeId());
        assertThat(again.replayed()).isTrue();
        assertThat(rows("envelope")).isEqualTo(envelopes);
        assertThatThrownBy(() -> engine.send(SendCommand.of("grace", 600, 5, SplitMode.LUCKY).withRequestId("req-1")))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(rows("envelope")).isEqualTo(envelopes);
    }

    @Test
    void aRepeatedRequestIdFindsItsEnvelopeAfterTheHomeSetComesBack() {
        SetId home = engine.send(SendCommand.of("rita", 100, 2, SplitMode.LUCKY)).set();
        engine.setMode(home, SetMode.SEND_PAUSED, "drain", "ops");
        SendReceipt first;
        try {
            first = engine.send(SendCommand.of("rita", 100, 2, SplitMode.LUCKY).withRequestId("pay-7"));
            assertThat(first.set()).isNotEqualTo(home);
        } finally {
            engine.setMode(home, SetMode.NORMAL, "done", "ops");
        }
        SendReceipt again = engine.send(SendCommand.of("rita", 100, 2, SplitMode.LUCKY).withRequestId("pay-7"));
        assertThat(again.envelopeId()).isEqualTo(first.envelopeId());
        assertThat(again.replayed()).isTrue();
    }

    @Test
    void badInputIsRefusedByFieldAndWritesNothing() {
        long envelopes = rows("envelope");
        long ledger = rows("ledger_entry");
        Object[][] cases = {
            {SendCommand.of("a", -5, 1, SplitMode.LUCKY), "totalFen"},
            {SendCommand.of("a", 0, 1, SplitMode.LUCKY), "totalFen"},
            {SendCommand.of("a", Long.MAX_VALUE, 1, SplitMode.LUCKY), "totalFen"},
            {SendCommand.of("a", 20_001, 1, SplitMode.LUCKY), "totalFen"},
            {SendCommand.of("a", 100, 0, SplitMode.LUCKY), "count"},
            {SendCommand.of("a", 1000, 101, SplitMode.LUCKY), "count"},
            {SendCommand.of("a", 5, 10, SplitMode.LUCKY), "totalFen"},
            {SendCommand.of("a", 100, 3, SplitMode.EQUAL), "totalFen"},
            {SendCommand.of("a", 100, 3, null), "mode"},
            {SendCommand.of(" ", 100, 3, SplitMode.LUCKY), "senderId"},
            {SendCommand.of(null, 100, 3, SplitMode.LUCKY), "senderId"},
            {SendCommand.of("x".repeat(65), 100, 3, SplitMode.LUCKY), "senderId"},
            {SendCommand.of("a\u0000b", 100, 3, SplitMode.LUCKY), "senderId"},
            {SendCommand.of("a", 100, 3, SplitMode.LUCKY).withGreeting("g".repeat(101)), "greeting"},
            {SendCommand.of("a", 100, 3, SplitMode.LUCKY).withRequestId("\n"), "requestId"},
        };
        for (Object[] c : cases) {
            assertThatThrownBy(() -> engine.send((SendCommand) c[0]))
                    .as("%s", c[0])
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(c[1]));
        }
        SendReceipt r = engine.send(SendCommand.of("henry", 100, 2, SplitMode.LUCKY));
        long claims = rows("claim");
        for (String user : new String[] {"", " ", "x".repeat(65), "a\u0007", "a\u202Eb", null}) {
            assertThatThrownBy(() -> engine.claim(r.envelopeId(), user))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("userId"));
            assertThatThrownBy(() -> engine.grab(r.envelopeId(), user)).isInstanceOf(InvalidInputException.class);
        }
        assertThat(rows("claim")).isEqualTo(claims);
        assertThat(rows("envelope")).isEqualTo(envelopes + 1);
        assertThat(rows("ledger_entry")).isEqualTo(ledger + 1);
    }

    @Test
    void envelopeIdsAreCheckedForSetAndDay() {
        assertThatThrownBy(() -> engine.parseEnvelopeId("261121070000000001"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("envelopeId");
                    assertThat(e.getMessage()).contains("SET 07");
                });
        assertThatThrownBy(() -> engine.parseEnvelopeId("261122000000000001"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("future"));
        EnvelopeId unknown = engine.parseEnvelopeId("261121009999999999");
        assertThatThrownBy(() -> engine.claim(unknown, "bob")).isInstanceOf(EnvelopeNotFoundException.class);
        assertThatThrownBy(() -> engine.details(unknown)).isInstanceOf(EnvelopeNotFoundException.class);
    }

    @Test
    void expiryRefundsTheRemainderExactlyOnce() {
        SendReceipt r = engine.send(SendCommand.of("ivan", 1000, 4, SplitMode.LUCKY));
        long got = engine.claim(r.envelopeId(), "judy").amountFen();
        clock.advance(Duration.ofHours(25));
        try {
            assertThat(engine.claim(r.envelopeId(), "ken").outcome()).isEqualTo(ClaimOutcome.EXPIRED);
            assertThat(engine.grab(r.envelopeId(), "ken")).isEqualTo(GrabAnswer.closed(ClaimOutcome.EXPIRED));
            int refunded = engine.sweepExpired(r.set());
            assertThat(refunded).isGreaterThanOrEqualTo(1);
            assertThat(engine.sweepExpired(r.set())).isZero();
            EnvelopeDetails d = engine.details(r.envelopeId());
            assertThat(d.status()).isEqualTo(EnvelopeStatus.EXPIRED);
            assertThat(d.refundedFen()).isEqualTo(1000 - got).isEqualTo(d.remainingFen());
            assertThat(EngineFixture.query(fixture.pool(r.set()),
                    "SELECT count(*), sum(amount_fen) FROM ledger_entry WHERE envelope_id = ? AND kind = 'REFUND'",
                    r.envelopeId().value()).get(0)).containsExactly(1L, java.math.BigDecimal.valueOf(1000 - got));
            // after a restart the refund is not repeated
            engine = fixture.restart();
            assertThat(engine.sweepExpired(r.set())).isZero();
            assertThat(engine.claim(r.envelopeId(), "judy")).isEqualTo(ClaimAnswer.alreadyClaimed(got, 1));
            assertInvariants();
        } finally {
            clock.advance(Duration.ofHours(-25));
        }
    }

    @Test
    void modesGateOperations() {
        SendReceipt r = engine.send(SendCommand.of("leo", 100, 10, SplitMode.LUCKY));
        SetId set = r.set();
        SetId other = SetId.of(1 - set.index());
        try {
            engine.setMode(set, SetMode.READ_ONLY, "disk swap", "ops");
            assertThatThrownBy(() -> engine.claim(r.envelopeId(), "mia"))
                    .isInstanceOfSatisfying(RejectedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(RejectedException.Reason.MODE);
                        assertThat(e.getMessage()).contains("safe");
                    });
            assertThat(engine.details(r.envelopeId()).claims()).isEmpty();
            // sends go to the other SET while this one takes none
            assertThat(engine.send(SendCommand.of("leo", 100, 10, SplitMode.LUCKY)).set()).isEqualTo(other);

            engine.setMode(set, SetMode.DEGRADED, "slow disk", "ops");
            assertThatThrownBy(() -> engine.details(r.envelopeId())).isInstanceOf(RejectedException.class);
            assertThat(engine.set(set).effectiveLimits().claimPerSecond())
                    .isLessThan(engine.set(set).limits().claimPerSecond());
            assertThat(engine.claim(r.envelopeId(), "mia").outcome()).isEqualTo(ClaimOutcome.CLAIMED);

            engine.setMode(set, SetMode.OFFLINE, "fire drill", "ops");
            assertThatThrownBy(() -> engine.details(r.envelopeId())).isInstanceOf(RejectedException.class);
            assertThatThrownBy(() -> engine.grab(r.envelopeId(), "ned")).isInstanceOf(RejectedException.class);

            engine.setMode(set, SetMode.SEND_PAUSED, "drain", "ops");
            assertThat(engine.claim(r.envelopeId(), "ned").outcome()).isEqualTo(ClaimOutcome.CLAIMED);
            assertThat(engine.send(SendCommand.of("leo", 100, 10, SplitMode.LUCKY)).set()).isEqualTo(other);
            assertThat(engine.set(set).lastChange().reason()).isEqualTo("drain");
        } finally {
            engine.setMode(set, SetMode.NORMAL, "done", "ops");
        }
    }

    @Test
    void limitsChangeWhileRunning() {
        SendReceipt r = engine.send(SendCommand.of("olga", 1000, 100, SplitMode.LUCKY));
        SetId set = r.set();
        SetLimits before = engine.limits(set);
        try {
            engine.updateLimits(set, SetLimits.from(before).claimPerSecond(2).build());
            assertThat(engine.set(set).effectiveLimits().claimPerSecond()).isEqualTo(2);
            // a new rate applies from the rate limiter's next one-second cycle
            AtomicReference<RejectedException> limited = new AtomicReference<>();
            AtomicInteger user = new AtomicInteger();
            // generous: on a loaded machine the claims before the refusal can be slow (each one is committed)
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    engine.claim(r.envelopeId(), "p" + user.incrementAndGet());
                } catch (RejectedException e) {
                    limited.set(e);
                }
                return limited.get() != null;
            });
            assertThat(user.get()).isLessThan(100);
            assertThat(limited.get().reason()).isEqualTo(RejectedException.Reason.RATE_LIMITED);
            assertThat(limited.get().retryAfter()).isPresent();
        } finally {
            engine.updateLimits(set, before);
        }
        assertThat(engine.limits(set)).isEqualTo(before);
    }

    @Test
    void claimsBeyondTheEnvelopeCapAreRefusedAsBusy() throws Exception {
        SendReceipt r = engine.send(SendCommand.of("quinn", 1000, 50, SplitMode.LUCKY));
        SetId set = r.set();
        SetLimits before = engine.limits(set);
        engine.updateLimits(set, SetLimits.from(before).envelopeCap(2).build());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (java.sql.Connection lock = fixture.pool(set).getConnection()) {
            // hold the envelope row so the lane's batch waits in the database
            lock.setAutoCommit(false);
            try (var ps = lock.prepareStatement("SELECT 1 FROM envelope WHERE day_of_month = ? AND envelope_id = ? FOR UPDATE")) {
                ps.setShort(1, (short) r.envelopeId().dayOfMonth());
                ps.setLong(2, r.envelopeId().value());
                ps.executeQuery().close();
            }
            var a = pool.submit(() -> engine.claim(r.envelopeId(), "r1"));
            var b = pool.submit(() -> engine.claim(r.envelopeId(), "r2"));
            await().atMost(Duration.ofSeconds(5)).until(() -> engine.set(set).queuedClaims() == 2);
            assertThatThrownBy(() -> engine.claim(r.envelopeId(), "r3"))
                    .isInstanceOfSatisfying(RejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RejectedException.Reason.BUSY));
            lock.rollback();
            assertThat(a.get().outcome()).isEqualTo(ClaimOutcome.CLAIMED);
            assertThat(b.get().outcome()).isEqualTo(ClaimOutcome.CLAIMED);
        } finally {
            pool.shutdownNow();
            engine.updateLimits(set, before);
        }
        assertThat(engine.claim(r.envelopeId(), "r3").outcome()).isEqualTo(ClaimOutcome.CLAIMED);
        assertThat(engine.details(r.envelopeId()).claims()).hasSize(3);
    }

    @Test
    void sendsSpreadOverSets() {
        Set<SetId> used = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            used.add(engine.send(SendCommand.of("sender-" + i, 10, 1, SplitMode.LUCKY)).set());
        }
        assertThat(used).containsExactlyInAnyOrder(SetId.of(0), SetId.of(1));
    }

    private void assertInvariants() {
        for (SetId set : fixture.pools().keySet()) {
            assertThat(MoneyInvariants.violations(fixture.pool(set))).as("SET %s", set).isEmpty();
        }
    }
}

package io.redset.engine.internal;

import io.redset.engine.ClaimAnswer;
import io.redset.engine.ClaimOutcome;
import io.redset.engine.EnvelopeId;
import io.redset.engine.EnvelopeStatus;
import io.redset.engine.GrabAnswer;
import io.redset.engine.SetId;
import io.redset.engine.SplitMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate and queue of one envelope without a lane or a database: the lane's part (drain, finish,
 * abandon) is played by the test, time is the {@code now} argument.
 */
class EnvelopeStateTest {

    static final Instant CREATED = Instant.parse("2026-11-21T09:00:00Z");
    static final Instant EXPIRES = CREATED.plus(Duration.ofHours(24));
    static final Instant NOW = CREATED.plusSeconds(60);
    static final int NO_CAP = Integer.MAX_VALUE;

    final AtomicLong tickets = new AtomicLong();
    /** The SET's count of pending claims, shared by all its envelopes. */
    final AtomicInteger setPending = new AtomicInteger();

    static EnvelopeState envelope(long sequence, long totalFen, int count) {
        return new EnvelopeState(EnvelopeId.of(LocalDate.of(2026, 11, 21), SetId.of(3), sequence), "sender", SplitMode.EQUAL,
                totalFen, count, CREATED, EXPIRES, false, totalFen, count, 0, EnvelopeStatus.ACTIVE);
    }

    EnvelopeState.Admission admit(EnvelopeState s, String user) {
        return admit(s, user, NOW, NO_CAP);
    }

    EnvelopeState.Admission admit(EnvelopeState s, String user, Instant now, int cap) {
        return s.admit(user, now, cap, tickets, System.nanoTime(), setPending);
    }

    /** What the lane publishes after a batch committed: each taken claim got the next share of {@code shareFen}. */
    boolean commit(EnvelopeState s, List<PendingClaim> taken, long shareFen) {
        Map<String, ClaimAnswer> committed = new HashMap<>();
        int left = s.remainingCount;
        long fen = s.remainingFen;
        for (PendingClaim p : taken) {
            committed.put(p.userId, ClaimAnswer.claimed(shareFen, s.count - left + 1));
            left--;
            fen -= shareFen;
        }
        return s.finish(taken, committed, fen, left, left == 0 ? EnvelopeStatus.SOLD_OUT : s.status, setPending);
    }

    /** What the lane publishes after a batch failed: nothing committed. */
    boolean fail(EnvelopeState s, List<PendingClaim> taken) {
        return s.finish(taken, Map.of(), s.remainingFen, s.remainingCount, s.status, setPending);
    }

    @Test
    void admittedClaimsAreDrainedInArrivalOrderWithIncreasingTickets() {
        EnvelopeState s = envelope(1, 1000, 10);
        List<PendingClaim> admitted = new ArrayList<>();
        for (String u : List.of("u1", "u2", "u3", "u4", "u5")) {
            admitted.add(admit(s, u).queued());
        }
        assertThat(admitted).extracting(p -> p.arrival).isSorted().doesNotHaveDuplicates();

        List<PendingClaim> first = s.drain(3);
        List<PendingClaim> rest = s.drain(10);
        assertThat(first).extracting(p -> p.userId).containsExactly("u1", "u2", "u3");
        assertThat(rest).extracting(p -> p.userId).containsExactly("u4", "u5");
        assertThat(s.drain(10)).isEmpty();
        // drained claims are still pending until the lane finishes them
        assertThat(s.queued()).isEqualTo(5);
        assertThat(setPending).hasValue(5);
    }

    @Test
    void onlyTheFirstAdmissionSchedulesUntilTheLaneHasEmptiedTheQueue() {
        EnvelopeState s = envelope(1, 1000, 10);
        assertThat(admit(s, "u1").mustSchedule()).isTrue();
        assertThat(admit(s, "u2").mustSchedule()).isFalse();

        List<PendingClaim> batch = s.drain(10);
        assertThat(admit(s, "u3").mustSchedule()).as("the envelope is still with its lane").isFalse();
        assertThat(commit(s, batch, 100)).as("u3 waits: the envelope stays scheduled").isTrue();

        assertThat(commit(s, s.drain(10), 100)).as("queue empty: no longer scheduled").isFalse();
        assertThat(admit(s, "u4").mustSchedule()).isTrue();
    }

    @Test
    void theEnvelopeCapAnswersBusyWithoutQueueing() {
        EnvelopeState s = envelope(1, 1000, 10);
        admit(s, "u1", NOW, 2);
        admit(s, "u2", NOW, 2);

        EnvelopeState.Admission third = admit(s, "u3", NOW, 2);
        assertThat(third.busy()).isTrue();
        assertThat(third.queued()).isNull();
        assertThat(third.joined()).isNull();
        assertThat(third.answer()).isNull();
        assertThat(third.mustSchedule()).isFalse();
        assertThat(s.queued()).isEqualTo(2);
        assertThat(setPending).hasValue(2);
        assertThat(s.answerFromMemory("u3", NOW)).as("busy is not an answer the gate gives for good").isNull();

        // a claim in the lane's current batch still counts against the cap
        List<PendingClaim> batch = s.drain(1);
        assertThat(admit(s, "u3", NOW, 2).busy()).isTrue();
        commit(s, batch, 100);
        assertThat(admit(s, "u3", NOW, 2).queued()).isNotNull();
    }

    @Test
    void soldOutIsAnsweredBeforeBusy() {
        EnvelopeState s = envelope(1, 200, 2);
        admit(s, "u1", NOW, 2);
        admit(s, "u2", NOW, 2);
        EnvelopeState.Admission third = admit(s, "u3", NOW, 2);
        assertThat(third.busy()).isFalse();
        assertThat(third.answer()).isEqualTo(ClaimAnswer.of(ClaimOutcome.SOLD_OUT));
    }

    @Test
    void aUserClaimingAgainWhileQueuedJoinsTheFirstClaim() {
        EnvelopeState s = envelope(1, 1000, 10);
        EnvelopeState.Admission first = admit(s, "alice");
        assertThat(s.answerFromMemory("alice", NOW)).isNull();

        EnvelopeState.Admission again = admit(s, "alice", NOW, 1); // the cap is full, but she is already in
        assertThat(again.busy()).isFalse();
        assertThat(again.queued()).isNull();
        assertThat(again.joined()).isSameAs(first.queued());
        assertThat(again.mustSchedule()).isFalse();
        assertThat(s.queued()).isEqualTo(1);
        assertThat(setPending).hasValue(1);
        assertThat(s.drain(10)).containsExactly(first.queued());
        assertThat(s.grab("alice", NOW)).isEqualTo(GrabAnswer.OPEN);
    }

    @Test
    void aUserWhoClaimedIsAnsweredAlreadyClaimedFromMemoryEvenAfterExpiry() {
        EnvelopeState s = envelope(1, 1000, 10);
        admit(s, "alice");
        commit(s, s.drain(10), 100);
        ClaimAnswer repeat = ClaimAnswer.alreadyClaimed(100, 1);

        assertThat(s.answerFromMemory("alice", NOW)).isEqualTo(repeat);
        EnvelopeState.Admission again = admit(s, "alice");
        assertThat(again.answer()).isEqualTo(repeat);
        assertThat(again.queued()).isNull();
        assertThat(setPending).hasValue(0);
        assertThat(s.grab("alice", NOW)).isEqualTo(GrabAnswer.closed(ClaimOutcome.ALREADY_CLAIMED));

        assertThat(s.answerFromMemory("alice", EXPIRES.plusSeconds(1))).isEqualTo(repeat);
        assertThat(admit(s, "alice", EXPIRES.plusSeconds(1), NO_CAP).answer()).isEqualTo(repeat);
    }

    @Test
    void queuedClaimsHoldTheLastSharesSoLaterOnesAreSoldOutFromMemory() {
        EnvelopeState s = envelope(1, 200, 2);
        admit(s, "u1");
        admit(s, "u2");

        assertThat(s.answerFromMemory("u3", NOW)).isEqualTo(ClaimAnswer.of(ClaimOutcome.SOLD_OUT));
        assertThat(admit(s, "u3").answer()).isEqualTo(ClaimAnswer.of(ClaimOutcome.SOLD_OUT));
        assertThat(s.grab("u3", NOW)).isEqualTo(GrabAnswer.closed(ClaimOutcome.SOLD_OUT));
        assertThat(s.grab("u1", NOW)).as("a queued user may still open it").isEqualTo(GrabAnswer.OPEN);
        assertThat(setPending).hasValue(2);

        commit(s, s.drain(10), 100);
        assertThat(s.status).isEqualTo(EnvelopeStatus.SOLD_OUT);
        assertThat(s.remainingCount).isZero();
        assertThat(s.remainingFen).isZero();
        assertThat(s.answerFromMemory("u3", NOW)).isEqualTo(ClaimAnswer.of(ClaimOutcome.SOLD_OUT));
        assertThat(s.answerFromMemory("u1", NOW)).isEqualTo(ClaimAnswer.alreadyClaimed(100, 1));
        assertThat(s.answerFromMemory("u2", NOW)).isEqualTo(ClaimAnswer.alreadyClaimed(100, 2));
    }

    @Test
    void aFailedBatchGivesTheSharesBackAndLetsTheUsersRetry() {
        EnvelopeState s = envelope(1, 100, 1);
        admit(s, "u1");
        assertThat(s.answerFromMemory("u2", NOW)).isEqualTo(ClaimAnswer.of(ClaimOutcome.SOLD_OUT));

        assertThat(fail(s, s.drain(10))).isFalse();
        assertThat(setPending).hasValue(0);
        assertThat(s.queued()).isZero();
        assertThat(s.answerFromMemory("u1", NOW)).isNull();
        assertThat(s.answerFromMemory("u2", NOW)).isNull();
        assertThat(admit(s, "u2").queued()).isNotNull();
    }

    @Test
    void expiredFromTheInstantItExpires() {
        EnvelopeState s = envelope(1, 1000, 10);
        Instant justBefore = EXPIRES.minusNanos(1);
        assertThat(s.answerFromMemory("u1", justBefore)).isNull();
        assertThat(s.grab("u1", justBefore)).isEqualTo(GrabAnswer.OPEN);

        assertThat(s.isExpiredAt(EXPIRES)).isTrue();
        assertThat(s.answerFromMemory("u1", EXPIRES)).isEqualTo(ClaimAnswer.of(ClaimOutcome.EXPIRED));
        assertThat(s.grab("u1", EXPIRES)).isEqualTo(GrabAnswer.closed(ClaimOutcome.EXPIRED));
        EnvelopeState.Admission late = admit(s, "u1", EXPIRES, NO_CAP);
        assertThat(late.answer()).isEqualTo(ClaimAnswer.of(ClaimOutcome.EXPIRED));
        assertThat(late.queued()).isNull();
        assertThat(setPending).hasValue(0);
    }

    @Test
    void anExpiryRefundPublishedByTheLaneClosesTheEnvelopeAtOnce() {
        EnvelopeState s = envelope(1, 1000, 10);
        s.expired(1000);
        assertThat(s.refundedFen).isEqualTo(1000);
        assertThat(s.finished()).isTrue();
        assertThat(s.isExpiredAt(NOW)).as("expired by status, before expiresAt").isTrue();
        assertThat(s.answerFromMemory("u1", NOW)).isEqualTo(ClaimAnswer.of(ClaimOutcome.EXPIRED));
        assertThat(s.grab("u1", NOW)).isEqualTo(GrabAnswer.closed(ClaimOutcome.EXPIRED));
    }

    @Test
    void refreshReplacesTheCommittedViewWithTheDatabases() {
        EnvelopeState s = envelope(1, 1000, 10);
        s.stale = true;
        s.refresh(new EnvelopeStore.Committed(700, 7, 0, EnvelopeStatus.ACTIVE,
                Map.of("bob", ClaimAnswer.claimed(300, 3))));
        assertThat(s.stale).isFalse();
        assertThat(s.remainingFen).isEqualTo(700);
        assertThat(s.remainingCount).isEqualTo(7);
        assertThat(s.answerFromMemory("bob", NOW)).isEqualTo(ClaimAnswer.alreadyClaimed(300, 3));

        s.refresh(new EnvelopeStore.Committed(0, 0, 0, EnvelopeStatus.SOLD_OUT, Map.of()));
        assertThat(s.finished()).isTrue();
        assertThat(s.answerFromMemory("carol", NOW)).isEqualTo(ClaimAnswer.of(ClaimOutcome.SOLD_OUT));
    }

    @Test
    void thePendingCounterReturnsToZeroAfterFinishAndAbandon() {
        EnvelopeState a = envelope(1, 1000, 10);
        EnvelopeState b = envelope(2, 1000, 10);
        for (String u : List.of("a1", "a2", "a3", "a4")) {
            admit(a, u);
        }
        admit(b, "b1");
        admit(b, "b2");
        assertThat(setPending).hasValue(6);

        List<PendingClaim> batch = a.drain(2); // a1, a2 are with the lane
        commit(b, b.drain(1), 100);
        assertThat(setPending).hasValue(5);

        List<PendingClaim> abandoned = a.abandon(setPending);
        assertThat(abandoned).extracting(p -> p.userId).containsExactly("a3", "a4");
        assertThat(a.queued()).isZero();
        assertThat(setPending).hasValue(1);
        // the lane's batch still ends, after the abandon: it must not count its claims off a second time
        assertThat(fail(a, batch)).isFalse();
        assertThat(setPending).hasValue(1);

        assertThat(b.abandon(setPending)).extracting(p -> p.userId).containsExactly("b2");
        assertThat(setPending).hasValue(0);
        assertThat(a.abandon(setPending)).isEmpty();
        assertThat(setPending).hasValue(0);
    }

    @Test
    void aLateFinishOfAnAbandonedClaimLeavesTheUsersNewClaimPending() {
        EnvelopeState s = envelope(1, 1000, 10);
        admit(s, "alice");
        List<PendingClaim> oldBatch = s.drain(10);
        s.abandon(setPending);
        PendingClaim renewed = admit(s, "alice").queued();
        assertThat(renewed).isNotSameAs(oldBatch.get(0));

        fail(s, oldBatch);
        assertThat(s.queued()).isEqualTo(1);
        assertThat(setPending).hasValue(1);
        assertThat(s.drain(10)).containsExactly(renewed);
    }

    // ---- property: any interleaving of the lane's and the callers' steps keeps the books straight

    sealed interface Step permits Admit, Drain, Commit, Fail, Abandon {
    }

    record Admit(int user) implements Step {
    }

    record Drain(int max) implements Step {
    }

    record Commit() implements Step {
    }

    record Fail() implements Step {
    }

    record Abandon() implements Step {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 11).map(Admit::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 4).map(Drain::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new Commit())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Fail())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Abandon())));
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    void theGateNeverAdmitsMoreThanTheSharesLeftAndCountsEveryPendingClaimOnce(@ForAll("steps") List<Step> steps) {
        setPending.set(0); // jqwik runs every try on the same instance
        EnvelopeState s = envelope(1, 600, 6);
        int cap = 4;
        List<PendingClaim> inBatch = new ArrayList<>();
        Set<String> claimedUsers = new HashSet<>();
        long lastDrainedTicket = 0;
        steps:
        for (Step step : steps) {
            switch (step) {
                case Admit(int user) -> {
                    String u = "u" + user;
                    EnvelopeState.Admission a = admit(s, u, NOW, cap);
                    if (claimedUsers.contains(u)) {
                        assertThat(a.answer()).isNotNull();
                        assertThat(a.answer().outcome()).isEqualTo(ClaimOutcome.ALREADY_CLAIMED);
                    }
                }
                case Drain(int max) -> {
                    if (inBatch.isEmpty()) { // the lane takes one batch at a time from an envelope
                        List<PendingClaim> taken = s.drain(max);
                        for (PendingClaim p : taken) {
                            assertThat(p.arrival).isGreaterThan(lastDrainedTicket);
                            lastDrainedTicket = p.arrival;
                        }
                        inBatch.addAll(taken);
                    }
                }
                case Commit() -> {
                    commit(s, inBatch, 100);
                    inBatch.forEach(p -> claimedUsers.add(p.userId));
                    inBatch.clear();
                }
                case Fail() -> {
                    fail(s, inBatch);
                    inBatch.clear();
                }
                case Abandon() -> {
                    // shutdown: the queue is failed while the lane may still finish its batch
                    s.abandon(setPending);
                    commit(s, inBatch, 100);
                    assertThat(s.queued()).isZero();
                    assertThat(setPending).hasValue(0);
                    break steps;
                }
            }
            assertThat(setPending.get()).as("pending counter after %s", step).isEqualTo(s.queued()).isNotNegative();
            assertThat(s.queued()).isLessThanOrEqualTo(cap);
            assertThat(s.remainingCount).isNotNegative();
            assertThat(s.queued()).as("pending claims never exceed the shares left").isLessThanOrEqualTo(s.remainingCount);
        }
    }
}

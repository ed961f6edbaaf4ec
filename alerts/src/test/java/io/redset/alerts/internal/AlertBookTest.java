package io.redset.alerts.internal;

import io.redset.alerts.Alert;
import io.redset.alerts.AlertRule;
import io.redset.alerts.AlertState;
import io.redset.alerts.RuleKind;
import io.redset.alerts.Severity;
import io.redset.engine.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The alert state machine without a database: the test moves the clock and says which series hold. */
class AlertBookTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
    final AtomicLong ids = new AtomicLong(100);
    final AlertBook book = new AlertBook(ids::incrementAndGet);

    static AlertRule rule(String name, Duration forDuration, Duration keepFiringFor) {
        return new AlertRule(name, RuleKind.ERROR_RATIO, true, Set.of(), 0.05, Duration.ofMinutes(1), 0, 0,
                forDuration, keepFiringFor, Severity.PAGE, Map.of(), "errors on SET {{set}}", null, Set.of(), 0, List.of());
    }

    static Sample sample(String rule, String set, double value) {
        return new Sample(Map.of("alertname", rule, "set", set), value, Map.of("summary", "SET " + set));
    }

    final AlertRule errors = rule("SetErrorRatio", Duration.ofMinutes(2), Duration.ofMinutes(5));

    List<AlertBook.Transition> holds(AlertRule r, String... sets) {
        return book.apply(r, java.util.Arrays.stream(sets).map(s -> sample(r.name(), s, 0.5)).toList(), clock.instant());
    }

    List<AlertBook.Transition> gone(AlertRule r) {
        return book.apply(r, List.of(), clock.instant());
    }

    Alert only() {
        assertThat(book.openAlerts()).hasSize(1);
        return book.openAlerts().get(0);
    }

    static Object[] moves(List<AlertBook.Transition> ts) {
        return ts.stream().map(t -> t.from() + "->" + t.to()).toArray();
    }

    @Test
    void pendingUntilForHasPassedThenFiring() {
        Instant start = clock.instant();
        assertThat(moves(holds(errors, "03"))).containsExactly("INACTIVE->PENDING");
        assertThat(only().state()).isEqualTo(AlertState.PENDING);
        assertThat(only().activeSince()).isEqualTo(start);

        clock.advance(Duration.ofMinutes(2).minusMillis(1));
        assertThat(holds(errors, "03")).isEmpty();
        assertThat(only().state()).isEqualTo(AlertState.PENDING);

        clock.advance(Duration.ofMillis(1));
        List<AlertBook.Transition> fired = holds(errors, "03");
        assertThat(moves(fired)).containsExactly("PENDING->FIRING");
        assertThat(fired.get(0).at()).isEqualTo(clock.instant());
        assertThat(fired.get(0).alert().state()).isEqualTo(AlertState.FIRING);
        Alert a = only();
        assertThat(a.state()).isEqualTo(AlertState.FIRING);
        assertThat(a.firedAt()).isEqualTo(clock.instant());
        assertThat(a.activeSince()).isEqualTo(start);
        assertThat(a.labels()).containsEntry("set", "03");
        assertThat(a.annotations()).containsEntry("summary", "SET 03");
    }

    @Test
    void withoutForAnAlertFiresAtItsFirstEvaluation() {
        AlertRule now = rule("Now", Duration.ZERO, Duration.ZERO);
        assertThat(moves(holds(now, "01"))).containsExactly("INACTIVE->PENDING", "PENDING->FIRING");
        assertThat(only().state()).isEqualTo(AlertState.FIRING);
    }

    @Test
    void aPendingAlertWhoseConditionEndsClosesInactiveWithoutFiring() {
        holds(errors, "03");
        long id = only().id();
        clock.advance(Duration.ofMinutes(1));

        assertThat(moves(gone(errors))).containsExactly("PENDING->INACTIVE");
        assertThat(book.openAlerts()).isEmpty();
        assertThat(book.recentlyClosed()).extracting(Alert::id, Alert::state, Alert::firedAt, Alert::resolvedAt)
                .containsExactly(tuple(id, AlertState.INACTIVE, null, clock.instant()));
        assertThat(book.drainJustClosed()).extracting(e -> e.id).containsExactly(id);
        assertThat(book.drainJustClosed()).isEmpty();
    }

    @Test
    void aFiringAlertKeepsFiringForKeepFiringForAfterItsConditionLastHeld() {
        holds(errors, "03");
        clock.advance(Duration.ofMinutes(2));
        holds(errors, "03");
        long id = only().id();
        Instant lastHeld = clock.instant();

        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(gone(errors)).isEmpty();
        assertThat(only().state()).isEqualTo(AlertState.FIRING);
        assertThat(only().lastActiveAt()).isEqualTo(lastHeld);

        clock.advance(Duration.ofMillis(1));
        assertThat(moves(gone(errors))).containsExactly("FIRING->RESOLVED");
        assertThat(book.openAlerts()).isEmpty();
        Alert resolved = book.find(id).orElseThrow();
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo(clock.instant());
    }

    @Test
    void theConditionReturningWithinKeepFiringForKeepsTheSameAlertAndRestartsTheCount() {
        holds(errors, "03");
        clock.advance(Duration.ofMinutes(2));
        holds(errors, "03");
        long id = only().id();

        clock.advance(Duration.ofMinutes(3));
        assertThat(gone(errors)).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(holds(errors, "03")).as("still firing: no transition").isEmpty();
        clock.advance(Duration.ofMinutes(4));
        assertThat(gone(errors)).as("5 minutes since it last held, not since it first stopped").isEmpty();
        assertThat(only().id()).isEqualTo(id);

        clock.advance(Duration.ofMinutes(1));
        assertThat(moves(gone(errors))).containsExactly("FIRING->RESOLVED");
    }

    @Test
    void theConditionHoldingAgainAfterResolveOpensANewAlertWithTheSameFingerprint() {
        AlertRule now = rule("Now", Duration.ZERO, Duration.ZERO);
        holds(now, "03");
        Alert first = only();
        clock.advance(Duration.ofSeconds(10));
        gone(now);
        clock.advance(Duration.ofSeconds(10));

        assertThat(moves(holds(now, "03"))).containsExactly("INACTIVE->PENDING", "PENDING->FIRING");
        Alert second = only();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint()).isEqualTo(Fingerprint.of(first.labels()));
        assertThat(second.activeSince()).isEqualTo(clock.instant());
        assertThat(book.find(first.id()).orElseThrow().state()).isEqualTo(AlertState.RESOLVED);
        assertThat(book.byFingerprint(first.fingerprint()).orElseThrow().id()).isEqualTo(second.id());
    }

    @Test
    void eachSeriesIsItsOwnAlertAndOtherRulesAreLeftAlone() {
        AlertRule other = rule("SetRejectionRatio", Duration.ZERO, Duration.ZERO);
        holds(errors, "01", "03");
        holds(other, "01");
        assertThat(book.openAlerts()).hasSize(3);
        clock.advance(Duration.ofMinutes(1));

        assertThat(moves(holds(errors, "03"))).containsExactly("PENDING->INACTIVE");
        assertThat(book.openAlerts()).extracting(Alert::rule, a -> a.labels().get("set"))
                .containsExactlyInAnyOrder(tuple("SetErrorRatio", "03"), tuple("SetRejectionRatio", "01"));
        assertThat(book.openAlerts()).extracting(Alert::id).isSorted();
    }

    @Test
    void anAcknowledgementHoldsUntilItsTimeoutAndItsExpiryNotifiesAgain() {
        holds(errors, "03");
        AlertBook.Entry entry = book.openEntries().get(0);
        entry.lastNotifiedBy.put("ops", clock.instant());
        entry.ackNotified = true;
        Instant ackAt = clock.instant();

        Alert acked = book.acknowledge(entry.id, "alice", "looking", ackAt, Duration.ofMinutes(5)).orElseThrow();
        assertThat(acked.ack().by()).isEqualTo("alice");
        assertThat(acked.ack().comment()).isEqualTo("looking");
        assertThat(acked.ack().at()).isEqualTo(ackAt);
        assertThat(acked.ack().expiresAt()).isEqualTo(ackAt.plus(Duration.ofMinutes(5)));
        assertThat(entry.ackNotified).as("the new acknowledgement is still to be announced").isFalse();

        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(book.expireAcks(clock.instant())).isEmpty();
        assertThat(only().ack()).isNotNull();

        clock.advance(Duration.ofMillis(1));
        List<Alert> ended = book.expireAcks(clock.instant());
        assertThat(ended).extracting(a -> a.ack().by()).as("the history names whose ack ended").containsExactly("alice");
        assertThat(only().ack()).isNull();
        assertThat(entry.lastNotifiedBy).as("notifies again at once").isEmpty();
        assertThat(book.expireAcks(clock.instant())).isEmpty();
    }

    @Test
    void anAcknowledgementWithoutTimeoutNeverExpires() {
        holds(errors, "03");
        Alert acked = book.acknowledge(only().id(), "bob", "", clock.instant(), Duration.ZERO).orElseThrow();
        assertThat(acked.ack().expiresAt()).isNull();
        clock.advance(Duration.ofDays(30));
        assertThat(book.expireAcks(clock.instant())).isEmpty();
        assertThat(only().ack().by()).isEqualTo("bob");
    }

    @Test
    void onlyOpenAlertsCanBeAcknowledged() {
        holds(errors, "03");
        long id = only().id();
        clock.advance(Duration.ofMinutes(1));
        gone(errors);
        assertThat(book.acknowledge(id, "alice", "", clock.instant(), Duration.ofMinutes(5))).isEmpty();
        assertThat(book.acknowledge(999_999, "alice", "", clock.instant(), Duration.ofMinutes(5))).isEmpty();
        assertThat(book.find(id).orElseThrow().ack()).isNull();
    }

    @Test
    void retiringARuleResolvesItsFiringAlertsAndClosesItsPendingOnes() {
        AlertRule now = rule("Now", Duration.ZERO, Duration.ofHours(1));
        AlertRule kept = rule("Kept", Duration.ZERO, Duration.ZERO);
        holds(errors, "01");
        holds(now, "02");
        holds(kept, "03");
        book.external(Map.of("alertname", "Upstream"), Map.of(), null, null, false, clock.instant());
        clock.advance(Duration.ofSeconds(10));

        List<AlertBook.Transition> retired = book.retire(Set.of("Kept"), clock.instant());
        assertThat(retired).extracting(t -> t.alert().rule(), AlertBook.Transition::to).containsExactlyInAnyOrder(
                tuple("SetErrorRatio", AlertState.INACTIVE), tuple("Now", AlertState.RESOLVED));
        assertThat(retired).allSatisfy(t -> assertThat(t.alert().resolvedAt()).isEqualTo(clock.instant()));
        assertThat(book.openAlerts()).extracting(Alert::rule).containsExactlyInAnyOrder("Kept", "Upstream");
    }

    @Test
    void anExternalAlertFiresAtOnceAndIsRenewedUntilItsEndsAtPasses() {
        Instant startsAt = clock.instant().minus(Duration.ofMinutes(3));
        Map<String, String> labels = Map.of("alertname", "NodeDown", "instance", "db-1");
        Instant endsAt = clock.instant().plus(Duration.ofMinutes(4));

        assertThat(moves(book.external(labels, Map.of("summary", "down"), startsAt, endsAt, false, clock.instant())))
                .containsExactly("INACTIVE->FIRING");
        Alert a = only();
        assertThat(a.rule()).isEqualTo("NodeDown");
        assertThat(a.source()).isEqualTo("alertmanager");
        assertThat(a.activeSince()).isEqualTo(startsAt);
        assertThat(a.firedAt()).isEqualTo(clock.instant());

        clock.advance(Duration.ofMinutes(3));
        Instant renewedEnd = clock.instant().plus(Duration.ofMinutes(4));
        assertThat(book.external(labels, Map.of("summary", "still down"), startsAt, renewedEnd, false, clock.instant()))
                .as("a renewal is no transition").isEmpty();
        assertThat(only().id()).isEqualTo(a.id());
        assertThat(only().annotations()).containsEntry("summary", "still down");

        clock.set(endsAt);
        assertThat(book.expireExternal(clock.instant())).as("the first endsAt was replaced").isEmpty();
        clock.set(renewedEnd.minusMillis(1));
        assertThat(book.expireExternal(clock.instant())).isEmpty();
        clock.set(renewedEnd);
        assertThat(moves(book.expireExternal(clock.instant()))).containsExactly("FIRING->RESOLVED");
        assertThat(book.openAlerts()).isEmpty();
        assertThat(book.find(a.id()).orElseThrow().resolvedAt()).isEqualTo(renewedEnd);
    }

    @Test
    void anExternalResolveClosesOnlyTheExternalAlert() {
        Map<String, String> labels = Map.of("alertname", "NodeDown");
        book.external(labels, Map.of(), null, null, false, clock.instant());
        assertThat(only().activeSince()).as("no startsAt: active from now").isEqualTo(clock.instant());
        assertThat(book.expireExternal(clock.instant().plus(Duration.ofDays(1)))).as("no endsAt: until resolved").isEmpty();

        clock.advance(Duration.ofMinutes(1));
        assertThat(moves(book.external(labels, Map.of(), null, null, true, clock.instant()))).containsExactly("FIRING->RESOLVED");
        assertThat(book.openAlerts()).isEmpty();
        assertThat(book.external(labels, Map.of(), null, null, true, clock.instant())).as("resolving twice").isEmpty();

        // a rule's alert with the same labels is not Alertmanager's to resolve
        AlertRule now = rule("NodeDown", Duration.ZERO, Duration.ZERO);
        book.apply(now, List.of(new Sample(labels, 1, Map.of())), clock.instant());
        assertThat(book.external(labels, Map.of(), null, null, true, clock.instant())).isEmpty();
        assertThat(only().source()).isEqualTo("rule");
        assertThat(book.expireExternal(clock.instant().plus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void theClosedListKeepsTheNewestThousand() {
        AlertRule now = rule("Now", Duration.ZERO, Duration.ZERO);
        List<Long> closedIds = new java.util.ArrayList<>();
        for (int i = 0; i < 1005; i++) {
            holds(now, "s" + i);
            closedIds.add(only().id());
            clock.advance(Duration.ofSeconds(1));
            gone(now);
        }
        List<Alert> recent = book.recentlyClosed();
        assertThat(recent).hasSize(1000);
        assertThat(recent.get(0).id()).as("newest first").isEqualTo(closedIds.get(1004));
        assertThat(recent.get(999).id()).isEqualTo(closedIds.get(5));
        assertThat(book.find(closedIds.get(4))).isEmpty();
        assertThat(book.find(closedIds.get(5))).isPresent();
        assertThat(book.drainJustClosed()).hasSize(1005);
    }

    @Test
    void aRestoredAlertContinuesWhereItWas() {
        AlertBook.Entry e = new AlertBook.Entry();
        e.id = 7;
        e.labels = Map.of("alertname", "SetErrorRatio", "set", "03");
        e.fingerprint = Fingerprint.of(e.labels);
        e.rule = "SetErrorRatio";
        e.source = "rule";
        e.state = AlertState.FIRING;
        e.activeSince = clock.instant().minus(Duration.ofMinutes(10));
        e.firedAt = clock.instant().minus(Duration.ofMinutes(8));
        e.lastActiveAt = clock.instant().minus(Duration.ofMinutes(1));
        book.restore(e);

        assertThat(holds(errors, "03")).as("the same series: no new alert").isEmpty();
        assertThat(only().id()).isEqualTo(7);
        clock.advance(Duration.ofMinutes(5));
        assertThat(moves(gone(errors))).containsExactly("FIRING->RESOLVED");
    }
}

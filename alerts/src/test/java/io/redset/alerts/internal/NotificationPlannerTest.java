package io.redset.alerts.internal;

import io.redset.alerts.Acknowledgement;
import io.redset.alerts.AlertState;
import io.redset.alerts.DeliveryResult;
import io.redset.alerts.LabelMatcher;
import io.redset.alerts.Notification;
import io.redset.alerts.Notifier;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.Route;
import io.redset.engine.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What an evaluation sends, without an outbox: the test builds the alert entries and moves the clock;
 * marks are applied as the caller does once the outbox rows are stored.
 */
class NotificationPlannerTest {

    /** A receiver that is never called here: only whether it wants acknowledgements matters. */
    record StubNotifier(boolean wantsAcknowledgements) implements Notifier {
        @Override
        public ReceiverConfig config() {
            throw new UnsupportedOperationException();
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            throw new UnsupportedOperationException();
        }
    }

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
    final Duration repeat = Duration.ofMinutes(30);

    NotificationPlanner planner(List<Route> routes, String... receivers) {
        Map<String, Notifier> notifiers = new LinkedHashMap<>();
        for (String r : receivers) {
            notifiers.put(r, new StubNotifier(r.startsWith("pagerduty")));
        }
        return new NotificationPlanner(routes, notifiers, "http://redset.example");
    }

    final NotificationPlanner planner = planner(List.of(new Route("ops", List.of(), repeat)), "ops");

    AlertBook.Entry firing(long id, String alertname, String set) {
        AlertBook.Entry e = new AlertBook.Entry();
        e.id = id;
        e.rule = alertname;
        e.source = "rule";
        e.labels = Map.of("alertname", alertname, "set", set);
        e.fingerprint = Fingerprint.of(e.labels);
        e.annotations = Map.of("summary", "SET " + set);
        e.state = AlertState.FIRING;
        e.activeSince = clock.instant().minus(Duration.ofMinutes(2));
        e.firedAt = clock.instant();
        e.lastActiveAt = clock.instant();
        return e;
    }

    /** The entry as the book leaves it when it resolves. */
    AlertBook.Entry resolve(AlertBook.Entry e) {
        e.state = AlertState.RESOLVED;
        e.resolvedAt = clock.instant();
        e.resolvePending = true;
        return e;
    }

    NotificationPlanner.Plan planAndStore(List<AlertBook.Entry> open, List<AlertBook.Entry> resolved) {
        NotificationPlanner.Plan plan = planner.plan(open, resolved, clock.instant());
        plan.applyMarks();
        return plan;
    }

    @Test
    void aFiringAlertIsSentAtOnceThenAgainEachRepeatInterval() {
        AlertBook.Entry e = firing(1, "SetErrorRatio", "03");
        NotificationPlanner.Plan first = planAndStore(List.of(e), List.of());
        assertThat(first.notifications()).singleElement().satisfies(n -> {
            assertThat(n.receiver()).isEqualTo("ops");
            assertThat(n.event()).isEqualTo("firing");
            assertThat(n.groupKey()).isEqualTo("{}:{alertname=\"SetErrorRatio\"}");
            assertThat(n.groupLabels()).isEqualTo(Map.of("alertname", "SetErrorRatio"));
            assertThat(n.externalUrl()).isEqualTo("http://redset.example");
            assertThat(n.createdAt()).isEqualTo(clock.instant());
            assertThat(n.dedupKey()).matches("ops/firing/[0-9a-f]{16}");
            assertThat(n.alerts()).extracting(Notification.Item::alertId, Notification.Item::status,
                    Notification.Item::startsAt, Notification.Item::endsAt).containsExactly(tuple(1L, "firing", e.firedAt, null));
        });
        assertThat(e.firingNotified).isTrue();
        assertThat(e.notifications).isEqualTo(1);
        assertThat(e.lastNotifiedAt).isEqualTo(clock.instant());
        assertThat(e.lastNotifiedBy).containsEntry("ops", clock.instant());

        clock.advance(repeat.minusMillis(1));
        assertThat(planAndStore(List.of(e), List.of()).notifications()).isEmpty();

        clock.advance(Duration.ofMillis(1));
        NotificationPlanner.Plan again = planAndStore(List.of(e), List.of());
        assertThat(again.notifications()).singleElement().satisfies(n -> {
            assertThat(n.event()).isEqualTo("firing");
            assertThat(n.dedupKey()).as("a repeat is a new outbox row").isNotEqualTo(first.notifications().get(0).dedupKey());
        });
        assertThat(e.notifications).isEqualTo(2);
    }

    @Test
    void untilItsMarksAreAppliedAPlanIsTheSameAgain() {
        AlertBook.Entry e = firing(1, "SetErrorRatio", "03");
        NotificationPlanner.Plan failedWrite = planner.plan(List.of(e), List.of(), clock.instant());
        assertThat(e.firingNotified).isFalse();
        assertThat(e.lastNotifiedBy).isEmpty();
        assertThat(e.notifications).isZero();

        NotificationPlanner.Plan retried = planner.plan(List.of(e), List.of(), clock.instant());
        assertThat(retried.notifications()).extracting(Notification::dedupKey)
                .containsExactlyElementsOf(failedWrite.notifications().stream().map(Notification::dedupKey).toList());
    }

    @Test
    void pendingAlertsAreNotSent() {
        AlertBook.Entry e = firing(1, "SetErrorRatio", "03");
        e.state = AlertState.PENDING;
        e.firedAt = null;
        NotificationPlanner.Plan plan = planAndStore(List.of(e), List.of());
        assertThat(plan.notifications()).isEmpty();
        assertThat(e.notifications).isZero();
    }

    @Test
    void silencedAndMaintenanceAlertsSendNothingAndAreLeftOutOfTheirGroup() {
        AlertBook.Entry silenced = firing(1, "SetErrorRatio", "01");
        silenced.silencedBy = List.of(42L);
        AlertBook.Entry inMaintenance = firing(2, "SetErrorRatio", "02");
        inMaintenance.maintenance = List.of("mw-1: Database upgrade");
        AlertBook.Entry loud = firing(3, "SetErrorRatio", "03");

        NotificationPlanner.Plan plan = planAndStore(List.of(silenced, inMaintenance), List.of());
        assertThat(plan.notifications()).isEmpty();
        assertThat(silenced.firingNotified).isFalse();
        assertThat(inMaintenance.lastNotifiedBy).isEmpty();

        plan = planAndStore(List.of(silenced, inMaintenance, loud), List.of());
        assertThat(plan.notifications()).singleElement()
                .satisfies(n -> assertThat(n.alerts()).extracting(Notification.Item::alertId).containsExactly(3L));
        assertThat(silenced.notifications).isZero();
        assertThat(inMaintenance.notifications).isZero();

        // unmuted, it is sent at once: it was never sent to this receiver
        silenced.silencedBy = List.of();
        clock.advance(Duration.ofMinutes(1));
        plan = planAndStore(List.of(silenced, inMaintenance, loud), List.of());
        assertThat(plan.notifications()).singleElement()
                .satisfies(n -> assertThat(n.alerts()).extracting(Notification.Item::alertId).containsExactly(1L, 3L));
        assertThat(silenced.firingNotified).isTrue();
    }

    @Test
    void aResolvedAlertSendsOneResolveNotification() {
        AlertBook.Entry e = firing(1, "SetErrorRatio", "03");
        planAndStore(List.of(e), List.of());
        clock.advance(Duration.ofMinutes(6));
        resolve(e);

        NotificationPlanner.Plan plan = planAndStore(List.of(), List.of(e));
        assertThat(plan.notifications()).singleElement().satisfies(n -> {
            assertThat(n.event()).isEqualTo("resolved");
            assertThat(n.status()).isEqualTo("resolved");
            assertThat(n.dedupKey()).startsWith("ops/resolved/");
            assertThat(n.alerts()).extracting(Notification.Item::status, Notification.Item::endsAt)
                    .containsExactly(tuple("resolved", clock.instant()));
        });
        assertThat(e.resolvePending).as("owed no more once stored").isFalse();
        assertThat(e.notifications).isEqualTo(2);
        assertThat(e.lastNotifiedBy).as("a resolve starts no repeat interval").containsEntry("ops", clock.instant().minus(Duration.ofMinutes(6)));
    }

    @Test
    void aResolveInAGroupThatStillFiresIsSentAsFiringListingBoth() {
        AlertBook.Entry stillFiring = firing(1, "SetErrorRatio", "01");
        AlertBook.Entry over = firing(2, "SetErrorRatio", "02");
        planAndStore(List.of(stillFiring, over), List.of());
        clock.advance(Duration.ofMinutes(1));
        resolve(over);

        NotificationPlanner.Plan plan = planAndStore(List.of(stillFiring), List.of(over));
        assertThat(plan.notifications()).singleElement().satisfies(n -> {
            assertThat(n.event()).isEqualTo("firing");
            assertThat(n.alerts()).extracting(Notification.Item::alertId, Notification.Item::status)
                    .containsExactly(tuple(1L, "firing"), tuple(2L, "resolved"));
        });
        assertThat(stillFiring.lastNotifiedBy.get("ops")).as("listed, not due: its repeat interval runs on")
                .isEqualTo(clock.instant().minus(Duration.ofMinutes(1)));
        assertThat(stillFiring.notifications).isEqualTo(1);
    }

    @Test
    void alertsOfOneAlertnameAreOneNotificationAndOtherNamesTheirOwn() {
        AlertBook.Entry b = firing(2, "SetErrorRatio", "02");
        AlertBook.Entry a = firing(1, "SetErrorRatio", "01");
        AlertBook.Entry other = firing(3, "ProbeFailing", "01");

        NotificationPlanner.Plan plan = planAndStore(List.of(b, a, other), List.of());
        assertThat(plan.notifications()).hasSize(2);
        assertThat(plan.notifications()).filteredOn(n -> n.alertname().equals("SetErrorRatio")).singleElement()
                .satisfies(n -> assertThat(n.alerts()).extracting(Notification.Item::alertId).containsExactly(1L, 2L));
        assertThat(plan.notifications()).filteredOn(n -> n.alertname().equals("ProbeFailing")).singleElement()
                .satisfies(n -> assertThat(n.alerts()).extracting(Notification.Item::alertId).containsExactly(3L));
    }

    @Test
    void aNewAlertInAGroupIsSentAtOnceWithTheOthersWhoseIntervalsRunOn() {
        AlertBook.Entry old = firing(1, "SetErrorRatio", "01");
        planAndStore(List.of(old), List.of());
        Instant oldSent = clock.instant();
        clock.advance(Duration.ofMinutes(10));
        AlertBook.Entry fresh = firing(2, "SetErrorRatio", "02");

        NotificationPlanner.Plan plan = planAndStore(List.of(old, fresh), List.of());
        assertThat(plan.notifications()).singleElement()
                .satisfies(n -> assertThat(n.alerts()).extracting(Notification.Item::alertId).containsExactly(1L, 2L));
        assertThat(old.lastNotifiedBy).containsEntry("ops", oldSent);
        assertThat(old.notifications).isEqualTo(1);
        assertThat(fresh.lastNotifiedBy).containsEntry("ops", clock.instant());
    }

    @Test
    void anAcknowledgedAlertIsNotRepeatedUntilTheAcknowledgementExpires() {
        AlertBook.Entry e = firing(1, "SetErrorRatio", "03");
        planAndStore(List.of(e), List.of());
        Instant sent = clock.instant();
        e.ack = new Acknowledgement("alice", sent, "looking", sent.plus(Duration.ofHours(2)));

        clock.advance(repeat.multipliedBy(3));
        assertThat(planAndStore(List.of(e), List.of()).notifications()).isEmpty();
        assertThat(e.lastNotifiedBy).containsEntry("ops", sent);

        clock.set(sent.plus(Duration.ofHours(2)));
        assertThat(planAndStore(List.of(e), List.of()).notifications()).as("the ack timed out: overdue, sent")
                .extracting(Notification::event).containsExactly("firing");
    }

    @Test
    void anAcknowledgedAlertNeverSentToAReceiverIsStillSentOnce() {
        AlertBook.Entry e = firing(1, "SetErrorRatio", "03");
        e.ack = new Acknowledgement("alice", clock.instant(), "", null);
        assertThat(planAndStore(List.of(e), List.of()).notifications()).extracting(Notification::event).containsExactly("firing");
        clock.advance(repeat);
        assertThat(planAndStore(List.of(e), List.of()).notifications()).isEmpty();
    }

    @Test
    void receiversThatTrackAcknowledgementsAreToldOnceTheOthersNot() {
        NotificationPlanner both = planner(List.of(), "pagerduty", "chat");
        AlertBook.Entry e = firing(1, "SetErrorRatio", "03");
        both.plan(List.of(e), List.of(), clock.instant()).applyMarks();
        clock.advance(Duration.ofMinutes(1));
        e.ack = new Acknowledgement("alice", clock.instant(), "on it", null);
        e.ackNotified = false;

        NotificationPlanner.Plan plan = both.plan(List.of(e), List.of(), clock.instant());
        plan.applyMarks();
        assertThat(plan.notifications()).singleElement().satisfies(n -> {
            assertThat(n.receiver()).isEqualTo("pagerduty");
            assertThat(n.event()).isEqualTo("acknowledged");
            assertThat(n.alerts()).extracting(Notification.Item::ackBy, Notification.Item::ackComment)
                    .containsExactly(tuple("alice", "on it"));
        });
        assertThat(e.ackNotified).isTrue();
        assertThat(both.plan(List.of(e), List.of(), clock.instant()).notifications()).isEmpty();
    }

    @Test
    void anAcknowledgementBeforeAnyFiringNotificationIsNotAnnounced() {
        NotificationPlanner pd = planner(List.of(), "pagerduty");
        AlertBook.Entry e = firing(1, "SetErrorRatio", "03");
        e.ack = new Acknowledgement("alice", clock.instant(), "", null);
        NotificationPlanner.Plan plan = pd.plan(List.of(e), List.of(), clock.instant());
        assertThat(plan.notifications()).extracting(Notification::event).containsExactly("firing");
    }

    @Test
    void routesChooseReceiversByLabelsEachWithItsOwnRepeatInterval() {
        NotificationPlanner routed = planner(List.of(
                new Route("sre", List.of(LabelMatcher.eq("set", "03")), Duration.ofMinutes(10)),
                new Route("ops", List.of(), Duration.ofHours(1)),
                new Route("sre", List.of(), Duration.ofHours(8))), "sre", "ops");
        assertThat(routed.route(Map.of("set", "03"))).containsExactly(Map.entry("sre", Duration.ofMinutes(10)),
                Map.entry("ops", Duration.ofHours(1)));
        assertThat(routed.route(Map.of("set", "01"))).as("first matching route per receiver wins")
                .containsExactly(Map.entry("ops", Duration.ofHours(1)), Map.entry("sre", Duration.ofHours(8)));

        AlertBook.Entry e = firing(1, "SetErrorRatio", "03");
        routed.plan(List.of(e), List.of(), clock.instant()).applyMarks();
        clock.advance(Duration.ofMinutes(10));
        NotificationPlanner.Plan plan = routed.plan(List.of(e), List.of(), clock.instant());
        assertThat(plan.notifications()).extracting(Notification::receiver).containsExactly("sre");
        plan.applyMarks();
        clock.advance(Duration.ofMinutes(50));
        assertThat(routed.plan(List.of(e), List.of(), clock.instant()).notifications())
                .extracting(Notification::receiver).containsExactlyInAnyOrder("sre", "ops");
    }

    @Test
    void withoutRoutesEveryReceiverGetsEveryAlertEveryFourHours() {
        NotificationPlanner all = planner(List.of(), "a", "b");
        assertThat(all.route(Map.of("set", "03"))).containsExactly(Map.entry("a", Route.DEFAULT_REPEAT_INTERVAL),
                Map.entry("b", Route.DEFAULT_REPEAT_INTERVAL));
    }

    @Test
    void groupKeyValuesAreQuotedAsGoDoes() {
        assertThat(NotificationPlanner.quoted("SetErrorRatio")).isEqualTo("\"SetErrorRatio\"");
        assertThat(NotificationPlanner.quoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(NotificationPlanner.quoted("l1\nl2\tx\r")).isEqualTo("\"l1\\nl2\\tx\\r\"");
        assertThat(NotificationPlanner.quoted("\u0007\b\f\u000b")).isEqualTo("\"\\a\\b\\f\\v\"");
        assertThat(NotificationPlanner.quoted("\u0001\u007f")).isEqualTo("\"\\x01\\x7f\"");
        assertThat(NotificationPlanner.quoted("\u0085")).isEqualTo("\"\\u0085\"");
        assertThat(NotificationPlanner.quoted("Straße 红包")).isEqualTo("\"Straße 红包\"");
    }
}

package io.redset.alerts;

import io.redset.engine.testing.ControlDatabase;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.MutableClock;
import io.redset.probes.ComponentId;
import io.redset.probes.MaintenanceCalendar;
import io.redset.probes.MaintenanceWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every transition of the alert lifecycle, on a fake clock, with a local webhook receiver. */
@DatabaseTest
class AlertLifecycleTest {

    static final AlertRule RULE = new AlertRule("SetClaimErrorRate", RuleKind.ERROR_RATIO, true, Set.of("claim"), 0.05,
            Duration.ofMinutes(1), 20, 5, Duration.ofSeconds(30), Duration.ofMinutes(1), Severity.PAGE, Map.of("team", "redset"),
            "SET {{set}} claim error ratio {{value}}", "https://redset.example/runbooks/errors", Set.of(), 0, List.of());
    static final JsonMapper JSON = JsonMapper.builder().build();

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
    final TrafficMeters traffic = new TrafficMeters();
    final MaintenanceCalendar maintenance = new MaintenanceCalendar();
    ControlDatabase db;
    WebhookSink sink;
    Alerts alerts;

    @BeforeEach
    void start() {
        db = new ControlDatabase();
        sink = new WebhookSink();
        alerts = start(Duration.ofHours(1), Duration.ofMinutes(30));
    }

    Alerts start(Duration repeat, Duration ackTimeout) {
        AlertsConfig config = AlertsConfig.custom().clock(clock).backgroundThreads(false).defaultRules(List.of(RULE))
                .ackTimeout(ackTimeout).maintenance(maintenance).externalUrl("http://redset.example")
                .receivers(List.of(new ReceiverConfig("oncall", ReceiverType.WEBHOOK, Map.of("url", sink.url("/hook")))))
                .routes(List.of(new Route("oncall", List.of(), repeat)))
                .build();
        return Alerts.start(config, traffic.counters(), null, db.dataSource());
    }

    @AfterEach
    void stop() {
        alerts.close();
        sink.close();
        db.close();
    }

    /** Evaluates, moves the clock by 10 s, and delivers. */
    void tick() {
        alerts.evaluate();
        alerts.deliverDue();
        clock.advance(Duration.ofSeconds(10));
    }

    /** Ticks with 100 errors in SET 03 before each. */
    void failingTicks(int n) {
        for (int i = 0; i < n; i++) {
            traffic.count("03", "claim", "error", 100);
            tick();
        }
    }

    void ticks(int n) {
        for (int i = 0; i < n; i++) {
            tick();
        }
    }

    Alert only() {
        assertThat(alerts.alerts()).hasSize(1);
        return alerts.alerts().get(0);
    }

    @Test
    void twoRequestsWithOneErrorNeverFire() {
        tick();
        traffic.count("03", "claim", "success", 1);
        traffic.count("03", "claim", "error", 1);
        ticks(12);
        assertThat(alerts.alerts()).isEmpty();
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void pendingThatNeverFiresGoesInactiveWithoutNotification() {
        tick();
        traffic.count("03", "claim", "success", 90);
        traffic.count("03", "claim", "timeout", 10);
        tick();
        assertThat(only().state()).isEqualTo(AlertState.PENDING);
        long id = only().id();
        traffic.count("03", "claim", "success", 2000);
        tick();
        assertThat(alerts.alerts()).isEmpty();
        assertThat(alerts.alert(id)).get().extracting(Alert::state).isEqualTo(AlertState.INACTIVE);
        ticks(10);
        assertThat(sink.received()).isEmpty();
        assertThat(alerts.history(id)).extracting(e -> e.event()).containsExactly("pending", "inactive");
    }

    @Test
    void firesAfterForThenResolvesAfterKeepFiringFor() throws Exception {
        tick();
        traffic.count("03", "claim", "success", 50);
        traffic.count("03", "claim", "unavailable", 50);
        Instant failureStart = clock.instant();
        tick();
        assertThat(only().state()).isEqualTo(AlertState.PENDING);
        ticks(2);
        assertThat(only().state()).isEqualTo(AlertState.PENDING);
        tick();
        Alert firing = only();
        assertThat(firing.state()).isEqualTo(AlertState.FIRING);
        assertThat(Duration.between(failureStart, firing.firedAt())).isEqualTo(Duration.ofSeconds(30));
        assertThat(sink.received()).hasSize(1);

        JsonNode payload = JSON.readTree(sink.bodies().get(0));
        assertThat(payload.path("version").asString()).isEqualTo("4");
        assertThat(payload.path("status").asString()).isEqualTo("firing");
        assertThat(payload.path("receiver").asString()).isEqualTo("oncall");
        assertThat(payload.path("groupKey").asString()).isEqualTo("{}:{alertname=\"SetClaimErrorRate\"}");
        JsonNode a = payload.path("alerts").get(0);
        assertThat(a.path("labels").path("set").asString()).isEqualTo("03");
        assertThat(a.path("labels").path("severity").asString()).isEqualTo("page");
        assertThat(a.path("annotations").path("summary").asString()).isEqualTo("SET 03 claim error ratio 50%");
        assertThat(a.path("endsAt").asString()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(a.path("fingerprint").asString()).isEqualTo(firing.fingerprint()).hasSize(16);

        // recovery: successes push the ratio under the threshold; keep firing for 1 minute
        traffic.count("03", "claim", "success", 5000);
        ticks(5);
        assertThat(only().state()).isEqualTo(AlertState.FIRING);
        tick();
        assertThat(alerts.alerts()).isEmpty();
        assertThat(alerts.alert(firing.id())).get().extracting(Alert::state).isEqualTo(AlertState.RESOLVED);
        assertThat(sink.received()).hasSize(2);
        JsonNode resolved = JSON.readTree(sink.bodies().get(1));
        assertThat(resolved.path("status").asString()).isEqualTo("resolved");
        assertThat(resolved.path("alerts").get(0).path("endsAt").asString()).isNotEqualTo("0001-01-01T00:00:00Z");
        assertThat(alerts.history(firing.id())).extracting(e -> e.event())
                .containsSubsequence("pending", "firing", "notification_queued", "resolved", "notification_queued");

        // firing again after resolve opens a new alert
        traffic.count("03", "claim", "error", 6000);
        ticks(4);
        assertThat(only().id()).isNotEqualTo(firing.id());
        assertThat(only().state()).isEqualTo(AlertState.FIRING);
    }

    @Test
    void keepFiringAcrossAGap() {
        tick();
        traffic.count("03", "claim", "error", 100);
        ticks(5);
        Alert firing = only();
        assertThat(firing.state()).isEqualTo(AlertState.FIRING);
        traffic.count("03", "claim", "success", 5000);
        ticks(3); // 30 s under the threshold, less than keep_firing_for
        assertThat(only().id()).isEqualTo(firing.id());
        traffic.count("03", "claim", "error", 5000);
        ticks(3);
        assertThat(only().id()).isEqualTo(firing.id());
        assertThat(only().state()).isEqualTo(AlertState.FIRING);
        assertThat(sink.received()).hasSize(1);
    }

    @Test
    void acknowledgementStopsRepeatsButNotTheResolveAndTimesOut() {
        alerts.close();
        alerts = start(Duration.ofMinutes(2), Duration.ofMinutes(5));
        tick();
        failingTicks(5);
        assertThat(sink.received()).hasSize(1);
        failingTicks(12); // two minutes: one repeat
        assertThat(sink.received()).hasSize(2);

        Alert acked = alerts.acknowledge(only().id(), "alice", "looking into SET 03").orElseThrow();
        assertThat(acked.ack().by()).isEqualTo("alice");
        assertThat(acked.ack().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        for (int i = 0; i < 25; i++) { // 4 min 10 s, errors still flowing
            traffic.count("03", "claim", "error", 100);
            tick();
        }
        assertThat(sink.received()).hasSize(2);
        for (int i = 0; i < 6; i++) { // past the 5 minute ack timeout
            traffic.count("03", "claim", "error", 100);
            tick();
        }
        assertThat(sink.received()).hasSize(3);
        assertThat(only().ack()).isNull();
        assertThat(alerts.history(only().id())).extracting(e -> e.event()).contains("acknowledged", "ack_expired");

        alerts.acknowledge(only().id(), "bob", "still on it");
        traffic.count("03", "claim", "success", 100_000);
        ticks(8);
        assertThat(alerts.alerts()).isEmpty();
        assertThat(sink.received()).hasSize(4);
        assertThat(sink.bodies().get(3)).contains("\"status\":\"resolved\"");
    }

    @Test
    void silenceMutesAndIsShownOnTheAlert() {
        Silence s = alerts.silence(List.of(LabelMatcher.parse("set=\"03\"")), "carol", "planned failover",
                clock.instant(), clock.instant().plus(Duration.ofMinutes(10)));
        tick();
        traffic.count("03", "claim", "error", 100);
        traffic.count("01", "claim", "error", 100);
        ticks(5);
        assertThat(alerts.alerts()).hasSize(2);
        Alert set03 = alerts.alerts().stream().filter(a -> a.labels().get("set").equals("03")).findFirst().orElseThrow();
        assertThat(set03.silencedBy()).containsExactly(s.id());
        assertThat(sink.received()).hasSize(1);
        assertThat(sink.bodies().get(0)).contains("\"set\":\"01\"").doesNotContain("\"set\":\"03\"");

        alerts.expireSilence(s.id());
        traffic.count("03", "claim", "error", 100);
        tick();
        assertThat(sink.received()).hasSize(2);
        assertThat(sink.bodies().get(1)).contains("\"set\":\"03\"");
    }

    @Test
    void maintenanceMutesTheComponentsAlerts() {
        maintenance.add(new MaintenanceWindow("mw-1", "Database upgrade", Set.of(ComponentId.of("set-03")),
                clock.instant(), clock.instant().plus(Duration.ofMinutes(5))));
        tick();
        traffic.count("03", "claim", "error", 100);
        ticks(5);
        assertThat(only().state()).isEqualTo(AlertState.FIRING);
        assertThat(only().maintenance()).containsExactly("mw-1: Database upgrade");
        assertThat(sink.received()).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        traffic.count("03", "claim", "error", 100);
        tick();
        assertThat(only().maintenance()).isEmpty();
        assertThat(sink.received()).hasSize(1);
    }

    /** A maintenance title is quoted in the alert's history: a NUL in it must not fail the evaluation's transaction. */
    @Test
    void aControlCharacterInAMaintenanceTitleDoesNotStopTheEvaluations() {
        maintenance.add(new MaintenanceWindow("mw-2", "Database\u0000 upgrade", Set.of(ComponentId.of("set-03")),
                clock.instant(), clock.instant().plus(Duration.ofMinutes(5))));
        tick();
        traffic.count("03", "claim", "error", 100);
        ticks(5);
        assertThat(only().state()).isEqualTo(AlertState.FIRING);
        assertThat(db.count("select count(*) from alerts.alerts where state = 'firing'")).isEqualTo(1);
        assertThat(db.count("select count(*) from alerts.alert_events where event = 'muted' and detail like ?",
                "%mw-2: Database\ufffd upgrade%")).isEqualTo(1);
    }

    @Test
    void severalSetsFailingAtOnceAreOneNotification() throws Exception {
        tick();
        for (String set : List.of("00", "01", "02")) {
            traffic.count(set, "claim", "error", 100);
        }
        ticks(5);
        assertThat(alerts.alerts()).hasSize(3);
        assertThat(sink.received()).hasSize(1);
        JsonNode payload = JSON.readTree(sink.bodies().get(0));
        assertThat(payload.path("alerts")).hasSize(3);
        assertThat(payload.path("commonLabels").path("alertname").asString()).isEqualTo("SetClaimErrorRate");
        assertThat(payload.path("commonLabels").has("set")).isFalse();
    }

    @Test
    void undeliveredNotificationIsRetriedAndDeliveredOnceAfterARestart() {
        sink.failNext(100, 503);
        tick();
        traffic.count("03", "claim", "error", 100);
        ticks(4);
        assertThat(only().state()).isEqualTo(AlertState.FIRING);
        assertThat(sink.received()).isEmpty();
        assertThat(db.count("select count(*) from alerts.outbox where status = 'pending'")).isEqualTo(1);
        long id = only().id();

        alerts.close();
        sink.failNext(0, 503);
        alerts = start(Duration.ofHours(1), Duration.ofMinutes(30));
        assertThat(only().id()).isEqualTo(id);
        tick();
        traffic.count("03", "claim", "error", 100);
        ticks(3);
        assertThat(only().id()).isEqualTo(id);
        assertThat(sink.received()).hasSize(1);
        assertThat(db.count("select count(*) from alerts.outbox")).isEqualTo(1);
        assertThat(db.count("select count(*) from alerts.outbox where status = 'delivered'")).isEqualTo(1);
    }

    @Test
    void pagerDutyIsTriggeredAcknowledgedAndResolvedForTheGroup() throws Exception {
        alerts.close();
        AlertsConfig config = AlertsConfig.custom().clock(clock).backgroundThreads(false).defaultRules(List.of(RULE))
                .receivers(List.of(new ReceiverConfig("pd", ReceiverType.PAGERDUTY, Map.of("routing-key", "KEY", "url", sink.url("/v2/enqueue")))))
                .build();
        alerts = Alerts.start(config, traffic.counters(), null, db.dataSource());
        tick();
        traffic.count("00", "claim", "error", 100);
        traffic.count("02", "claim", "error", 100);
        failingTicks(4);
        assertThat(sink.bodies()).hasSize(1);
        JsonNode trigger = JSON.readTree(sink.bodies().get(0));
        assertThat(trigger.path("event_action").asString()).isEqualTo("trigger");
        assertThat(trigger.path("payload").path("summary").asString()).startsWith("SetClaimErrorRate: 3 alerts, SETs 00, 02, 03");
        for (Alert a : alerts.alerts()) {
            alerts.acknowledge(a.id(), "erin", "on it");
        }
        for (int i = 0; i < 4; i++) {
            traffic.count("00", "claim", "error", 100);
            traffic.count("02", "claim", "error", 100);
            failingTicks(1);
            assertThat(sink.bodies()).hasSize(2);
        }
        assertThat(JSON.readTree(sink.bodies().get(1)).path("event_action").asString()).isEqualTo("acknowledge");
        traffic.count("00", "claim", "success", 1_000_000);
        traffic.count("02", "claim", "success", 1_000_000);
        traffic.count("03", "claim", "success", 1_000_000);
        ticks(8);
        assertThat(alerts.alerts()).isEmpty();
        assertThat(sink.bodies()).as(String.join("\n", sink.bodies())).hasSize(3);
        JsonNode resolve = JSON.readTree(sink.bodies().get(2));
        assertThat(resolve.path("event_action").asString()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asString()).isEqualTo("redset/SetClaimErrorRate");
    }

    @Test
    void routesSendByLabelsEachWithItsRepeatInterval() {
        alerts.close();
        AlertRule ticket = new AlertRule("SetGrabErrorRate", RuleKind.ERROR_RATIO, true, Set.of("grab"), 0.05, Duration.ofMinutes(1),
                20, 5, Duration.ZERO, Duration.ZERO, Severity.TICKET, Map.of(), "SET {{set}} grab errors {{value}}", null, Set.of(), 0, List.of());
        try (WebhookSink tickets = new WebhookSink()) {
            AlertsConfig config = AlertsConfig.custom().clock(clock).backgroundThreads(false).defaultRules(List.of(RULE, ticket))
                    .receivers(List.of(new ReceiverConfig("pages", ReceiverType.WEBHOOK, Map.of("url", sink.url("/pages"))),
                            new ReceiverConfig("tickets", ReceiverType.WEBHOOK, Map.of("url", tickets.url("/tickets")))))
                    .routes(List.of(new Route("pages", List.of(LabelMatcher.parse("severity=\"page\"")), Duration.ofMinutes(1)),
                            new Route("tickets", List.of(LabelMatcher.parse("severity=~\"page|ticket\""), LabelMatcher.parse("set!=\"00\"")),
                                    Duration.ofHours(1))))
                    .build();
            alerts = Alerts.start(config, traffic.counters(), null, db.dataSource());
            tick();
            for (int i = 0; i < 10; i++) { // 100 s of errors on claims in SET 03 and on grabs in SETs 00 and 01
                traffic.count("03", "claim", "error", 100);
                traffic.count("00", "grab", "error", 100);
                traffic.count("01", "grab", "error", 100);
                tick();
            }
            assertThat(sink.bodies()).hasSize(2) // the page, and its repeat after a minute
                    .allSatisfy(b -> assertThat(b).contains("SetClaimErrorRate").doesNotContain("SetGrabErrorRate"));
            assertThat(tickets.bodies()).hasSize(2) // the page and the ticket of SET 01 (SET 00 is not routed there), no repeat
                    .anySatisfy(b -> assertThat(b).contains("SetGrabErrorRate").contains("\"set\":\"01\"").doesNotContain("\"set\":\"00\""))
                    .anySatisfy(b -> assertThat(b).contains("SetClaimErrorRate"));
        }
    }

    @Test
    void eachReceiverRepeatsAtItsOwnInterval() {
        alerts.close();
        try (WebhookSink slow = new WebhookSink()) {
            AlertsConfig config = AlertsConfig.custom().clock(clock).backgroundThreads(false).defaultRules(List.of(RULE))
                    .receivers(List.of(new ReceiverConfig("fast", ReceiverType.WEBHOOK, Map.of("url", sink.url("/fast"))),
                            new ReceiverConfig("slow", ReceiverType.WEBHOOK, Map.of("url", slow.url("/slow")))))
                    .routes(List.of(new Route("fast", List.of(), Duration.ofMinutes(1)), new Route("slow", List.of(), Duration.ofMinutes(3))))
                    .build();
            alerts = Alerts.start(config, traffic.counters(), null, db.dataSource());
            tick();
            failingTicks(3);
            assertThat(only().state()).isEqualTo(AlertState.PENDING);
            failingTicks(20); // fires now, then 190 s more
            assertThat(sink.received()).hasSize(4);  // at 0, 60, 120, 180 s
            assertThat(slow.received()).hasSize(2);  // at 0, 180 s
        }
    }
}

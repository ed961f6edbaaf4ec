package io.redset.alerts;

import io.redset.alerts.internal.SafeText;
import io.redset.engine.testing.ControlDatabase;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.MutableClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Alerts from a user's own Alertmanager appear for acknowledgement and resolve with it. */
@DatabaseTest
class InboundAlertmanagerTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static Alerts start(MutableClock clock, ControlDatabase db, WebhookSink sink) {
        return Alerts.start(AlertsConfig.custom().clock(clock).backgroundThreads(false).defaultRules(List.of())
                .receivers(List.of(new ReceiverConfig("oncall", ReceiverType.WEBHOOK, Map.of("url", sink.url("/hook"))))).build(),
                RequestCounters.none(), null, db.dataSource());
    }

    static String webhook(Map<String, String> labels, Map<String, String> annotations) {
        return JSON.writeValueAsString(Map.of("status", "firing",
                "alerts", List.of(Map.of("status", "firing", "labels", labels, "annotations", annotations))));
    }

    @Test
    void webhookAlertsAppearCanBeAckedAndResolve() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
        try (ControlDatabase db = new ControlDatabase();
             Alerts alerts = Alerts.start(AlertsConfig.custom().clock(clock).backgroundThreads(false).defaultRules(List.of()).build(),
                     RequestCounters.none(), null, db.dataSource())) {
            String firing = """
                    {"receiver":"redset","status":"firing","notification_reason":"new","unknownField":[1,2],
                     "alerts":[{"status":"firing","labels":{"alertname":"HighLatency","instance":"db-1","severity":"page"},
                       "annotations":{"summary":"p99 above 1s"},"startsAt":"2026-11-21T08:59:30.123456789Z",
                       "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom/graph","fingerprint":"abc"}],
                     "groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am","version":"4","groupKey":"{}"}
                    """;
            assertThat(alerts.receiveAlertmanager(firing)).isEqualTo(1);
            Alert a = alerts.alerts().get(0);
            assertThat(a.source()).isEqualTo("alertmanager");
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.activeSince()).isEqualTo(Instant.parse("2026-11-21T08:59:30.123456789Z"));
            assertThat(alerts.acknowledge(a.id(), "dave", "known")).isPresent();

            alerts.receiveAlertmanager(firing); // a repeat keeps the same alert
            assertThat(alerts.alerts()).hasSize(1).first().extracting(Alert::id).isEqualTo(a.id());

            clock.advance(Duration.ofMinutes(2));
            alerts.receiveAlertmanager(firing.replace("\"status\":\"firing\"", "\"status\":\"resolved\"")
                    .replace("0001-01-01T00:00:00Z", "2026-11-21T09:01:00Z"));
            alerts.evaluate();
            assertThat(alerts.alerts()).isEmpty();
            assertThat(alerts.alert(a.id())).get().extracting(Alert::state).isEqualTo(AlertState.RESOLVED);
            assertThat(db.count("select count(*) from alerts.alerts where state = 'resolved' and source = 'alertmanager'")).isEqualTo(1);
        }
    }

    @Test
    void badBodiesNameWhatIsMissing() {
        assertThatThrownBy(() -> AlertmanagerPayload.parse("{\"alerts\":[{\"annotations\":{}}]}", Instant.EPOCH)).hasMessageContaining("alerts[0].labels");
        assertThatThrownBy(() -> AlertmanagerPayload.parse("nope", Instant.EPOCH)).hasMessageContaining("not JSON");
        assertThat(AlertmanagerPayload.parse("[{\"labels\":{\"alertname\":\"X\"}}]", Instant.EPOCH)).hasSize(1); // API v2 array form
    }

    /**
     * A NUL or another control character in an upstream label or annotation is replaced at intake: the
     * alert is stored and notified. Left in, jsonb would refuse every later write of the open alerts,
     * and with them every notification.
     */
    @Test
    void controlCharactersInLabelsAndAnnotationsAreReplacedAndTheAlertIsNotified() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
        try (ControlDatabase db = new ControlDatabase(); WebhookSink sink = new WebhookSink(); Alerts alerts = start(clock, db, sink)) {
            assertThat(alerts.receiveAlertmanager(webhook(
                    Map.of("alertname", "Disk \"C:\\\" full\nnow", "instance", "db\u0000-1", "odd\u0007name", "x"),
                    Map.of("summary", "disk\u0000 full\r\nsecond line\ttabbed")))).isEqualTo(1);
            Alert a = alerts.alerts().getFirst();
            assertThat(a.labels()).containsEntry("instance", "db\ufffd-1").containsEntry("odd\ufffdname", "x");
            assertThat(a.annotations()).containsEntry("summary", "disk\ufffd full\r\nsecond line\ttabbed");
            assertThat(db.count("select count(*) from alerts.alerts where source = 'alertmanager'")).isEqualTo(1);

            alerts.evaluate();
            alerts.deliverDue();
            JsonNode sent = JSON.readTree(sink.bodies().getFirst());
            // Alertmanager's own quoting of the label value in the group key
            assertThat(sent.path("groupKey").asString()).isEqualTo("{}:{alertname=\"Disk \\\"C:\\\\\\\" full\\nnow\"}");
            assertThat(sent.path("alerts").get(0).path("labels").path("instance").asString()).isEqualTo("db\ufffd-1");
            assertThat(db.count("select count(*) from alerts.outbox where status = 'delivered'")).isEqualTo(1);
        }
    }

    /** Acknowledgement and silence comments are written with the alerts: a control character is refused before anything changes. */
    @Test
    void controlCharactersInAckAndSilenceInputAreRefusedBeforeAnythingChanges() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
        try (ControlDatabase db = new ControlDatabase(); WebhookSink sink = new WebhookSink(); Alerts alerts = start(clock, db, sink)) {
            alerts.receiveAlertmanager(webhook(Map.of("alertname", "DiskFull", "instance", "db-1"), Map.of("summary", "disk full")));
            long id = alerts.alerts().getFirst().id();

            assertThatThrownBy(() -> alerts.acknowledge(id, "dave", "on it\u0000"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("comment must not contain control characters other than tab and line breaks (U+0000 at index 5)");
            assertThat(alerts.alert(id)).get().extracting(Alert::ack).isNull();

            Instant now = clock.instant();
            Instant later = now.plus(Duration.ofHours(1));
            assertThatThrownBy(() -> alerts.silence(List.of(LabelMatcher.eq("instance", "db-1")), "dave", "disk swap\u001b[2J", now, later))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("comment must not contain control characters");
            assertThatThrownBy(() -> alerts.silence(List.of(LabelMatcher.eq("instance", "db-1"), LabelMatcher.eq("instance", "db\u0000-1")),
                    "dave", "disk swap", now, later))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("matchers[1] must not contain control characters");
            assertThat(alerts.silences()).isEmpty();
            assertThat(db.count("select count(*) from alerts.silences")).isZero();

            // tab and line breaks are fine, and evaluations and notifications go on
            assertThat(alerts.acknowledge(id, "dave", "on it:\n\tswapping the disk")).isPresent();
            alerts.evaluate();
            alerts.deliverDue();
            assertThat(db.count("select count(*) from alerts.alerts where ack_comment = ?", "on it:\n\tswapping the disk")).isEqualTo(1);
            assertThat(db.count("select count(*) from alerts.outbox where status = 'delivered'")).isEqualTo(1);
        }
    }

    /** The HTTP layer answers these messages as they are: client text only printable and short. */
    @Test
    void aBadBodyIsNamedWithoutRepeatingItsControlCharacters() {
        String hostile = "\u0000\r\nFAKE LOG " + "y".repeat(300);
        assertThatThrownBy(() -> AlertmanagerPayload.parse("{\"alerts\": " + hostile + "}", Instant.EPOCH))
                .hasMessageStartingWith("body is not JSON at line 1, column ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000", "\r", "\n", "y".repeat(SafeText.ECHO_LENGTH)));
    }
}

package io.redset.alerts;

import io.redset.engine.testing.ControlDatabase;
import io.redset.engine.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Alerts from a user's own Alertmanager appear for acknowledgement and resolve with it. */
class InboundAlertmanagerTest {

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
        assertThatThrownBy(() -> AlertmanagerPayload.parse("{\"alerts\":[{\"annotations\":{}}]}")).hasMessageContaining("alerts[0].labels");
        assertThatThrownBy(() -> AlertmanagerPayload.parse("nope")).hasMessageContaining("not JSON");
        assertThat(AlertmanagerPayload.parse("[{\"labels\":{\"alertname\":\"X\"}}]")).hasSize(1); // API v2 array form
    }
}

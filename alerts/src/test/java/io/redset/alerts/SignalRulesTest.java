package io.redset.alerts;

import io.redset.alerts.testing.StubHealth;
import io.redset.engine.testing.DatabaseTest;

import io.redset.engine.SetId;
import io.redset.engine.SetMode;
import io.redset.engine.testing.ControlDatabase;
import io.redset.engine.testing.MutableClock;
import io.redset.probes.Component;
import io.redset.probes.ComponentId;
import io.redset.probes.ComponentState;
import io.redset.probes.ComponentStatus;
import io.redset.probes.ProbeId;
import io.redset.probes.ProbeLevel;
import io.redset.probes.ProbeResult;
import io.redset.probes.ProbeRun;
import io.redset.probes.ProbeState;
import io.redset.probes.ProbeType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The default burn-rate (windows divided by 720), probe, reconcile, no-traffic and rejection rules. */
@DatabaseTest
class SignalRulesTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
    final TrafficMeters traffic = new TrafficMeters();
    final StubHealth health = new StubHealth();
    final ControlDatabase db = new ControlDatabase();
    Alerts alerts;

    Alerts start(String... ruleNames) {
        List<AlertRule> rules = AlertRules.defaults().stream().filter(r -> List.of(ruleNames).contains(r.name())).toList();
        alerts = Alerts.start(AlertsConfig.custom().clock(clock).backgroundThreads(false).defaultRules(rules).windowDivisor(720).build(),
                traffic.counters(), health, db.dataSource());
        return alerts;
    }

    @AfterEach
    void stop() {
        if (alerts != null) {
            alerts.close();
        }
        db.close();
    }

    @Test
    void burnRateFiresPageOnFastBurnOnly() {
        start("ClaimSloBurnRate");
        // scaled: 1h -> 5s, 5m -> ~0.4s, 6h -> 30s, 30m -> 2.5s, 3d -> 6min, 6h -> 30s
        for (int i = 0; i < 400; i++) {
            traffic.count("00", "claim", "success", 100);
            traffic.count("01", "claim", "success", 100);
            alerts.evaluate();
            clock.advance(Duration.ofMillis(1000));
        }
        assertThat(alerts.alerts()).isEmpty();
        // 2% errors: burn rate 20 > 14.4 on every window pair that sees it
        for (int i = 0; i < 40; i++) {
            traffic.count("00", "claim", "success", 196);
            traffic.count("00", "claim", "error", 4);
            alerts.evaluate();
            clock.advance(Duration.ofMillis(1000));
        }
        assertThat(alerts.alerts()).extracting(a -> a.labels().get("window")).contains("5s", "30s");
        assertThat(alerts.alerts()).allMatch(a -> a.state() == AlertState.FIRING);
        Alert fast = alerts.alerts().stream().filter(a -> a.labels().get("window").equals("5s")).findFirst().orElseThrow();
        assertThat(fast.labels().get("severity")).isEqualTo("page");
        assertThat(fast.annotations().get("summary")).startsWith("Claim error budget burning 20.0x");
    }

    @Test
    void probeFailingAndReconcileMismatch() {
        start("SetProbeFailing", "SetReconcileMismatch");
        Component set03 = new Component(ComponentId.of("set-03"), "SET 03", "", "Red envelope claims", SetId.of(3));
        ProbeId db = new ProbeId(set03.id(), ProbeType.DB);
        ProbeId rec = new ProbeId(set03.id(), ProbeType.RECONCILE);
        Instant t = clock.instant();
        health.states = List.of(new ComponentState(set03, ComponentStatus.MAJOR_OUTAGE, t, "db down", null, SetMode.NORMAL, List.of(
                new ProbeState(db, ProbeLevel.DOWN, t, "3 failures", new ProbeRun(db, t, ProbeResult.failed(Duration.ofSeconds(5), "connection refused"))),
                new ProbeState(rec, ProbeLevel.DOWN, t, "mismatch", new ProbeRun(rec, t, ProbeResult.critical(Duration.ofMillis(9), "envelope X: claimed 31 of 30"))))));
        alerts.evaluate();
        assertThat(alerts.alerts()).extracting(Alert::state).containsOnly(AlertState.FIRING);
        assertThat(alerts.alerts()).extracting(a -> a.labels().get("alertname") + "/" + a.labels().get("severity"))
                .containsExactlyInAnyOrder("SetProbeFailing/page", "SetReconcileMismatch/critical");
        assertThat(alerts.alerts()).extracting(a -> a.annotations().get("summary"))
                .contains("SET 03 db probe failing: connection refused", "SET 03 money reconciliation mismatch: envelope X: claimed 31 of 30");
    }

    @Test
    void noTrafficWhereTrafficWasExpected() {
        start("SetNoTraffic"); // window 5m / 720 = ~416ms, expected when the window before had >= 50 requests
        for (int i = 0; i < 5; i++) {
            traffic.count("02", "claim", "success", 100);
            alerts.evaluate();
            clock.advance(Duration.ofMillis(200));
        }
        assertThat(alerts.alerts()).isEmpty();
        for (int i = 0; i < 3; i++) {
            alerts.evaluate();
            clock.advance(Duration.ofMillis(200));
        }
        assertThat(alerts.alerts()).extracting(a -> a.labels().get("set")).containsExactly("02");
    }

    @Test
    void rejectionsHaveTheirOwnRule() {
        start("SetErrorRatio", "SetRejectionRatio");
        alerts.evaluate();
        for (int i = 0; i < 3; i++) {
            traffic.count("01", "grab", "success", 50);
            traffic.count("01", "grab", "rejected_rate_limit", 50);
            alerts.evaluate();
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(alerts.alerts()).extracting(a -> a.labels().get("alertname")).containsExactly("SetRejectionRatio");
        assertThat(alerts.alerts().get(0).labels()).containsEntry("operation", "grab").containsEntry("severity", "ticket");
    }
}

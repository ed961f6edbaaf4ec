package io.redset.alerts;

import io.redset.alerts.internal.SafeText;
import io.redset.engine.testing.ControlDatabase;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.MutableClock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DatabaseTest
class AlertRulesTest {

    @Test
    void defaultRulesLoadAndCoverEveryKind() {
        List<AlertRule> rules = AlertRules.defaults();
        assertThat(rules).extracting(AlertRule::kind).containsExactlyInAnyOrder(RuleKind.values());
        AlertRule burn = rules.stream().filter(r -> r.kind() == RuleKind.BURN_RATE).findFirst().orElseThrow();
        assertThat(burn.slo()).isEqualTo(0.999);
        assertThat(burn.burnWindows()).extracting(AlertRule.BurnWindow::factor).containsExactly(14.4, 6.0, 1.0);
        assertThat(burn.burnWindows().get(2).longWindow()).isEqualTo(Duration.ofDays(3));
        assertThat(rules.stream().filter(r -> r.kind() == RuleKind.RECONCILE_MISMATCH).findFirst().orElseThrow().severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void jsonRoundTripKeepsTheRule() {
        for (AlertRule r : AlertRules.defaults()) {
            assertThat(AlertRules.parseJson(AlertRules.toJson(r))).isEqualTo(r);
        }
    }

    @Test
    void validationNamesTheField() {
        assertThatThrownBy(() -> AlertRules.parseYaml("""
                rules:
                  - name: Bad
                    kind: error-ratio
                    threshold: 1.5
                    window: 1m
                    summary: x
                """)).isInstanceOf(RuleValidationException.class)
                .hasMessageContaining("threshold").extracting(e -> ((RuleValidationException) e).field()).isEqualTo("threshold");
        assertThatThrownBy(() -> AlertRules.parseJson("{\"name\":\"X\",\"kind\":\"error-ratio\",\"threshold\":0.1,\"window\":\"soon\",\"summary\":\"x\"}"))
                .extracting(e -> ((RuleValidationException) e).field()).isEqualTo("window");
        assertThatThrownBy(() -> AlertRules.parseJson("{\"name\":\"X\",\"kind\":\"error-ratio\",\"treshold\":0.1,\"window\":\"1m\",\"summary\":\"x\"}"))
                .extracting(e -> ((RuleValidationException) e).field()).isEqualTo("treshold");
        assertThatThrownBy(() -> AlertRules.parseJson("{\"name\":\"R\",\"kind\":\"reconcile-mismatch\",\"severity\":\"ticket\",\"summary\":\"x\"}"))
                .extracting(e -> ((RuleValidationException) e).field()).isEqualTo("severity");
        assertThatThrownBy(() -> AlertRules.parseJson("{\"name\":\"B\",\"kind\":\"burn-rate\",\"summary\":\"x\",\"windows\":[{\"long\":\"5m\",\"short\":\"1h\",\"factor\":2}]}"))
                .extracting(e -> ((RuleValidationException) e).field()).isEqualTo("windows[0].long");
        assertThatThrownBy(() -> AlertRules.parseJson("{\"name\":\"1x\",\"kind\":\"no-traffic\",\"summary\":\"x\"}"))
                .extracting(e -> ((RuleValidationException) e).field()).isEqualTo("name");
        assertThatThrownBy(() -> AlertRules.parseJson("{\"name\":\"N\",\"kind\":\"no-traffic\",\"window\":\"5m\",\"summary\":\"x\",\"min-requests\":0}"))
                .extracting(e -> ((RuleValidationException) e).field()).isEqualTo("min-requests");
    }

    @Test
    void rulesAreSavedEditedDisabledAndDeletedInTheControlDatabase() {
        try (ControlDatabase db = new ControlDatabase();
             Alerts alerts = Alerts.start(AlertsConfig.custom().backgroundThreads(false)
                     .clock(new MutableClock(Instant.parse("2026-11-21T09:00:00Z"))).build(), RequestCounters.none(), null, db.dataSource())) {
            int defaults = alerts.rules().size();
            alerts.saveRule("{\"name\":\"SetSendErrors\",\"kind\":\"error-ratio\",\"operations\":[\"send\"],\"threshold\":0.2,"
                    + "\"window\":\"2m\",\"min-requests\":10,\"min-errors\":3,\"for\":\"1m\",\"severity\":\"ticket\",\"summary\":\"SET {{set}} sends failing\"}", "admin");
            assertThat(alerts.rules()).hasSize(defaults + 1);
            alerts.setEnabled("SetErrorRatio", false, "admin");
            assertThat(alerts.rules().stream().filter(r -> r.name().equals("SetErrorRatio")).findFirst().orElseThrow().enabled()).isFalse();
            assertThat(db.count("select count(*) from alerts.rules")).isEqualTo(2);
            assertThatThrownBy(() -> alerts.saveRule("{\"name\":\"SetSendErrors\",\"kind\":\"error-ratio\",\"threshold\":-1,\"window\":\"2m\",\"summary\":\"x\"}", "admin"))
                    .isInstanceOf(RuleValidationException.class).hasMessageContaining("threshold");
            assertThat(alerts.rules().stream().filter(r -> r.name().equals("SetSendErrors")).findFirst().orElseThrow().threshold()).isEqualTo(0.2);
            alerts.deleteRule("SetErrorRatio");
            assertThat(alerts.rules().stream().filter(r -> r.name().equals("SetErrorRatio")).findFirst().orElseThrow().enabled()).isTrue();
            assertThat(alerts.savedRules()).extracting(s -> s.updatedBy()).containsExactly("admin");
        }
    }

    @Test
    void configValidationNamesTheKey() {
        assertThatThrownBy(() -> AlertsConfig.custom().evaluationInterval(Duration.ZERO).build()).hasMessageStartingWith("evaluation-interval");
        assertThatThrownBy(() -> AlertsConfig.custom().receivers(List.of(new ReceiverConfig("pd", ReceiverType.PAGERDUTY, java.util.Map.of()))).build())
                .hasMessageContaining("receivers.pd.routing-key");
        assertThatThrownBy(() -> AlertsConfig.custom().routes(List.of(new Route("nobody", List.of(), null))).build())
                .hasMessageContaining("nobody");
    }

    /** The HTTP layer answers rule and matcher errors as they are: client text in them only printable and short. */
    @Test
    void errorMessagesRepeatClientTextOnlyPrintableAndShort() {
        String hostile = "x\u0000\r\nFAKE LOG " + "y".repeat(300);
        String quoted = JsonMapper.builder().build().writeValueAsString(hostile);
        assertEchoesSafely(() -> AlertRules.parseJson("{\"name\":" + quoted + "}"));
        assertEchoesSafely(() -> AlertRules.parseJson("{\"name\":\"X\",\"kind\":" + quoted + "}"));
        assertEchoesSafely(() -> AlertRules.parseJson("{\"name\":\"X\"," + quoted + ":1}"));
        assertEchoesSafely(() -> AlertRules.parseJson("{\"name\":\"X\",\"kind\":\"error-ratio\",\"threshold\":0.1,\"window\":" + quoted
                + ",\"summary\":\"x\"}"));
        assertEchoesSafely(() -> AlertRules.parseJson("{\"name\": " + hostile + "}"));
        assertEchoesSafely(() -> LabelMatcher.parse(hostile));
        assertEchoesSafely(() -> LabelMatcher.parse("set=~(\u0000" + "y".repeat(300)));
        assertThatThrownBy(() -> AlertRules.parseJson("{\"name\":\"X\"," + quoted + ":1}"))
                .extracting(e -> ((RuleValidationException) e).field()).isEqualTo(SafeText.echo(hostile));
        // a message built by a caller (the console's "must equal the name in the path"): printable and bounded all the same
        assertThat(new RuleValidationException("X", "name", "must equal the name in the path (" + hostile + ")").getMessage())
                .doesNotContain("\u0000", "\r", "\n").hasSizeLessThanOrEqualTo(RuleValidationException.MAX_MESSAGE);
    }

    static void assertEchoesSafely(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000", "\r", "\n", "y".repeat(SafeText.ECHO_LENGTH)));
    }
}

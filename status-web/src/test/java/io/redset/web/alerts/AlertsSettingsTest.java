package io.redset.web.alerts;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redset.alerts.AlertsConfig;
import io.redset.alerts.ReceiverType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertsSettingsTest {

    static AlertsProperties props(Map<String, Map<String, String>> receivers, List<AlertsProperties.RouteProperties> routes,
                                  Duration interval) {
        return new AlertsProperties(true, interval, null, null, null, new AlertsProperties.Retry(null, null), null, null, null,
                "https://redset.example/", null, null, receivers, routes);
    }

    @Test
    void unsetKeysKeepTheModuleDefaultsAndReceiversAndRoutesAreMapped() {
        AlertsConfig c = AlertsSettings.toAlertsConfig(props(
                Map.of("oncall", Map.of("type", "pagerduty", "routing-key", "K"), "hook", Map.of("type", "webhook", "url", "http://h/am")),
                List.of(new AlertsProperties.RouteProperties("oncall", List.of("severity=~\"page|critical\""), Duration.ofHours(1))),
                null), new SimpleMeterRegistry(), null);
        assertThat(c.evaluationInterval()).isEqualTo(AlertsConfig.DEFAULT_EVALUATION_INTERVAL);
        assertThat(c.externalUrl()).isEqualTo("https://redset.example");
        assertThat(c.receivers()).extracting(r -> r.type()).containsExactlyInAnyOrder(ReceiverType.PAGERDUTY, ReceiverType.WEBHOOK);
        assertThat(c.routes().get(0).matchers().get(0).toString()).isEqualTo("severity=~\"page|critical\"");
        assertThat(c.defaultRules()).hasSize(6);
    }

    @Test
    void refusedValuesNameTheirKey() {
        assertThatThrownBy(() -> AlertsSettings.toAlertsConfig(props(Map.of(), List.of(), Duration.ZERO), new SimpleMeterRegistry(), null))
                .hasMessageStartingWith("redset.alerts.evaluation-interval");
        assertThatThrownBy(() -> AlertsSettings.toAlertsConfig(props(Map.of("pd", Map.of("type", "pagerduty")), List.of(), null),
                new SimpleMeterRegistry(), null)).hasMessageStartingWith("redset.alerts.receivers.pd.routing-key");
        assertThatThrownBy(() -> AlertsSettings.toAlertsConfig(props(Map.of("x", Map.of("url", "http://h")), List.of(), null),
                new SimpleMeterRegistry(), null)).hasMessageStartingWith("redset.alerts.receivers.x.type");
        assertThatThrownBy(() -> AlertsSettings.toAlertsConfig(props(Map.of(), List.of(new AlertsProperties.RouteProperties("nobody", List.of(), null)), null),
                new SimpleMeterRegistry(), null)).hasMessageContaining("redset.alerts.routes");
    }
}

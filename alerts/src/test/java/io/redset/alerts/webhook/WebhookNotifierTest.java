package io.redset.alerts.webhook;

import io.redset.alerts.DeliveryResult;
import io.redset.alerts.Notifications;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.ReceiverType;
import io.redset.alerts.WebhookSink;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookNotifierTest {

    @Test
    void postsTheAlertmanagerVersion4PayloadExactly() {
        try (WebhookSink sink = new WebhookSink()) {
            WebhookNotifier n = (WebhookNotifier) new WebhookNotifierProvider().create(
                    new ReceiverConfig("oncall", ReceiverType.WEBHOOK, Map.of("url", sink.url("/am"))), HttpClient.newHttpClient());
            DeliveryResult r = n.deliver(Notifications.of("firing", Notifications.item(7, "03", "firing")));
            assertThat(r.delivered()).isTrue();
            assertThat(sink.bodies()).containsExactly("{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"SetClaimErrorRate\\\"}\","
                    + "\"truncatedAlerts\":0,\"status\":\"firing\",\"receiver\":\"oncall\",\"groupLabels\":{\"alertname\":\"SetClaimErrorRate\"},"
                    + "\"commonLabels\":{\"alertname\":\"SetClaimErrorRate\",\"set\":\"03\",\"severity\":\"page\"},"
                    + "\"commonAnnotations\":{\"runbook_url\":\"https://redset.example/runbooks/errors\",\"summary\":\"SET 03 claim error ratio 12%\"},"
                    + "\"externalURL\":\"http://redset.example/console/alerts\","
                    + "\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"SetClaimErrorRate\",\"set\":\"03\",\"severity\":\"page\"},"
                    + "\"annotations\":{\"runbook_url\":\"https://redset.example/runbooks/errors\",\"summary\":\"SET 03 claim error ratio 12%\"},"
                    + "\"startsAt\":\"2026-11-21T09:32:48Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                    + "\"generatorURL\":\"http://redset.example/console/alerts/7\",\"fingerprint\":\"c09c5d2169aafae7\"}]}");
        }
    }

    @Test
    void failuresSayWhetherARetryHelps() {
        try (WebhookSink sink = new WebhookSink()) {
            WebhookNotifier n = (WebhookNotifier) new WebhookNotifierProvider().create(
                    new ReceiverConfig("oncall", ReceiverType.WEBHOOK, Map.of("url", sink.url("/am"))), HttpClient.newHttpClient());
            sink.failNext(1, 503);
            assertThat(n.deliver(Notifications.of("firing", Notifications.item(1, "03", "firing"))).retryable()).isTrue();
            sink.failNext(1, 400);
            DeliveryResult bad = n.deliver(Notifications.of("firing", Notifications.item(1, "03", "firing")));
            assertThat(bad.delivered() || bad.retryable()).isFalse();
        }
    }

    @Test
    void configNamesTheKey() {
        assertThatThrownBy(() -> WebhookConfig.of(new ReceiverConfig("x", ReceiverType.WEBHOOK, Map.of("url", "ftp://a"))))
                .hasMessageContaining("receivers.x.url");
        assertThatThrownBy(() -> WebhookConfig.of(new ReceiverConfig("x", ReceiverType.WEBHOOK, Map.of("url", "http://a", "timeout", "-1s"))))
                .hasMessageContaining("receivers.x.timeout");
    }
}

package io.redset.alerts.webhook;

import io.redset.alerts.AlertmanagerPayload;
import io.redset.alerts.DeliveryResult;
import io.redset.alerts.Notification;
import io.redset.alerts.Notifier;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.internal.HttpPost;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/** POSTs the Alertmanager version-4 JSON; anything that takes Alertmanager webhooks takes this. */
public final class WebhookNotifier implements Notifier {

    private final WebhookConfig config;
    private final HttpClient http;

    public WebhookNotifier(WebhookConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
    }

    @Override
    public ReceiverConfig config() {
        return config.receiver();
    }

    @Override
    public DeliveryResult deliver(Notification n) {
        if ("acknowledged".equals(n.event())) {
            return DeliveryResult.ok("acknowledgements are not sent to webhooks");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(config.url()).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "RedSet-Alerts")
                .POST(HttpRequest.BodyPublishers.ofString(AlertmanagerPayload.render(n)));
        if (config.bearerToken() != null) {
            b.header("Authorization", "Bearer " + config.bearerToken());
        }
        return HttpPost.send(http, b.build());
    }
}

package io.redset.alerts.webhook;

import io.redset.alerts.Notifier;
import io.redset.alerts.NotifierProvider;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.ReceiverType;

import java.net.http.HttpClient;

/** Registers the generic webhook (Alertmanager version-4 payload). */
public final class WebhookNotifierProvider implements NotifierProvider {

    @Override
    public ReceiverType type() {
        return ReceiverType.WEBHOOK;
    }

    @Override
    public Notifier create(ReceiverConfig config, HttpClient http) {
        return new WebhookNotifier(WebhookConfig.of(config), http);
    }
}

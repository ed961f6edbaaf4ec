package io.redset.alerts.slack;

import io.redset.alerts.Notifier;
import io.redset.alerts.NotifierProvider;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.ReceiverType;

import java.net.http.HttpClient;

/** Registers the Slack incoming webhook. */
public final class SlackNotifierProvider implements NotifierProvider {

    @Override
    public ReceiverType type() {
        return ReceiverType.SLACK;
    }

    @Override
    public Notifier create(ReceiverConfig config, HttpClient http) {
        return new SlackNotifier(SlackConfig.of(config), http);
    }
}

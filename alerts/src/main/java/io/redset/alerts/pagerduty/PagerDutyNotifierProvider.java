package io.redset.alerts.pagerduty;

import io.redset.alerts.Notifier;
import io.redset.alerts.NotifierProvider;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.ReceiverType;

import java.net.http.HttpClient;

/** Registers PagerDuty Events API v2. */
public final class PagerDutyNotifierProvider implements NotifierProvider {

    @Override
    public ReceiverType type() {
        return ReceiverType.PAGERDUTY;
    }

    @Override
    public Notifier create(ReceiverConfig config, HttpClient http) {
        return new PagerDutyNotifier(PagerDutyConfig.of(config), http);
    }
}

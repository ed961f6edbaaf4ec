package io.redset.alerts.email;

import io.redset.alerts.Notifier;
import io.redset.alerts.NotifierProvider;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.ReceiverType;

import java.net.http.HttpClient;

/** Registers email over SMTP. */
public final class EmailNotifierProvider implements NotifierProvider {

    @Override
    public ReceiverType type() {
        return ReceiverType.EMAIL;
    }

    @Override
    public Notifier create(ReceiverConfig config, HttpClient http) {
        return new EmailNotifier(EmailConfig.of(config));
    }
}

package io.redset.alerts.slack;

import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.webhook.WebhookConfig.HttpTarget;

import java.net.URI;
import java.time.Duration;

/** Settings of a Slack receiver: {@code url} (the incoming webhook URL, required), {@code timeout} (default 10s). */
public record SlackConfig(ReceiverConfig receiver, URI url, Duration timeout) {

    public static SlackConfig of(ReceiverConfig c) {
        return new SlackConfig(c, HttpTarget.uri(c, "url"), HttpTarget.duration(c, "timeout", Duration.ofSeconds(10)));
    }

    @Override
    public String toString() {
        return "SlackConfig[receiver=" + receiver.name() + "]";
    }
}

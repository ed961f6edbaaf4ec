package io.redset.alerts.pagerduty;

import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.webhook.WebhookConfig.HttpTarget;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of a PagerDuty receiver: {@code routing-key} (the integration key, required), {@code url}
 * (default {@value #DEFAULT_URL}), {@code timeout} (default 10s), {@code source} (default {@code redset}).
 */
public record PagerDutyConfig(ReceiverConfig receiver, String routingKey, URI url, Duration timeout, String source) {

    public static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";

    public static PagerDutyConfig of(ReceiverConfig c) {
        String key = c.required("routing-key");
        if (key.length() > 64) {
            throw new IllegalArgumentException(c.key("routing-key") + " must be at most 64 characters");
        }
        ReceiverConfig withUrl = c.settings().containsKey("url") ? c
                : new ReceiverConfig(c.name(), c.type(), merged(c, "url", DEFAULT_URL));
        return new PagerDutyConfig(c, key, HttpTarget.uri(withUrl, "url"), HttpTarget.duration(c, "timeout", Duration.ofSeconds(10)),
                c.setting("source", "redset"));
    }

    private static java.util.Map<String, String> merged(ReceiverConfig c, String key, String value) {
        java.util.Map<String, String> m = new java.util.HashMap<>(c.settings());
        m.put(key, value);
        return m;
    }

    @Override
    public String toString() {
        return "PagerDutyConfig[receiver=" + receiver.name() + ", url=" + url + "]";
    }
}

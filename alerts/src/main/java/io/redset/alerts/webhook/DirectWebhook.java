package io.redset.alerts.webhook;

import io.redset.alerts.DeliveryResult;
import io.redset.alerts.OutboundMessage;
import io.redset.alerts.internal.HttpPost;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * Posts a one-off message's JSON to its own URL (a status-page subscriber's webhook). Redirects are
 * not followed (the URL was checked when it was subscribed, a redirect could lead anywhere); the
 * dedup key goes out as {@code Idempotency-Key} so a receiver can drop a repeat.
 */
public final class DirectWebhook {

    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;

    public DirectWebhook(HttpClient http) {
        this.http = http;
    }

    public DeliveryResult deliver(OutboundMessage message) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(message.target())).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "RedSet-Status")
                .header("Idempotency-Key", message.dedupKey())
                .POST(HttpRequest.BodyPublishers.ofString(message.json())).build();
        return HttpPost.send(http, request);
    }
}

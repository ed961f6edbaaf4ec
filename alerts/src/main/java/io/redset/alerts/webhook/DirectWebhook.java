package io.redset.alerts.webhook;

import io.redset.alerts.DeliveryResult;
import io.redset.alerts.OutboundMessage;
import io.redset.alerts.internal.HttpPost;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts a one-off message's JSON to its own URL (a status-page subscriber's webhook). Unless
 * private targets are allowed, the host must resolve to public addresses at send time too (see
 * {@link PublicAddresses}): a refused host is a permanent failure, nothing is posted. A message with
 * a signing secret carries {@link WebhookSignature#HEADER}. Redirects are
 * not followed (a redirect could lead anywhere); the dedup key goes out as {@code Idempotency-Key}
 * so a receiver can drop a repeat.
 */
public final class DirectWebhook {

    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final boolean privateTargets;
    private final Clock clock;

    /** @param privateTargets allow hosts on loopback and private networks (tests, closed networks) */
    public DirectWebhook(HttpClient http, boolean privateTargets, Clock clock) {
        this.http = http;
        this.privateTargets = privateTargets;
        this.clock = clock;
    }

    public DeliveryResult deliver(OutboundMessage message) {
        URI uri = URI.create(message.target());
        if (!privateTargets) {
            Optional<String> refused = PublicAddresses.whyNotPublic(uri.getHost());
            if (refused.isPresent()) {
                String why = "not sent: " + uri.getHost() + " " + refused.get();
                // a name that does not resolve now may be a passing resolver failure: try again later
                return refused.get().equals(PublicAddresses.UNRESOLVED) ? DeliveryResult.retry(why) : DeliveryResult.permanent(why);
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "RedSet-Status")
                .header("Idempotency-Key", message.dedupKey())
                .POST(HttpRequest.BodyPublishers.ofString(message.json()));
        if (message.signingSecret() != null) {
            // signed at each attempt: the time in the signature is the time of sending
            request.header(WebhookSignature.HEADER,
                    WebhookSignature.header(message.signingSecret(), clock.instant().getEpochSecond(), message.json()));
        }
        return HttpPost.send(http, request.build());
    }
}

package io.redset.alerts;

import io.redset.alerts.internal.SafeText;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A one-off message to a target that is not a configured receiver: a status-page subscriber's
 * webhook URL or e-mail address. It goes through the same durable outbox as alert notifications
 * (stored before any attempt, retried with backoff, kept across restarts, never stored twice under
 * one dedup key), on its own sender thread so that a slow subscriber never delays an alert.
 *
 * @param carrier        for {@link Channel#EMAIL} the name of the email receiver whose SMTP settings
 *                       carry it; null for {@link Channel#WEBHOOK} (posted directly)
 * @param dedupKey       the same message handed over twice has the same key; also sent as the
 *                       webhook's {@code Idempotency-Key} and the mail's {@code X-RedSet-Dedup-Key}
 * @param subject        mail subject (webhooks ignore it)
 * @param text           mail body, plain text (webhooks ignore it)
 * @param json           webhook body (mails ignore it)
 * @param unsubscribeUrl one-click unsubscribe link: the mail's {@code List-Unsubscribe} header, or null
 * @param signingSecret  webhooks only: the subscriber's secret; each post then carries
 *                       {@code X-RedSet-Signature} (see {@link io.redset.alerts.webhook.WebhookSignature}); null: unsigned
 */
public record OutboundMessage(Channel channel, String target, String carrier, String dedupKey, String subject,
                              String text, String json, String unsubscribeUrl, Instant createdAt, String signingSecret) {

    /** An unsigned message. */
    public OutboundMessage(Channel channel, String target, String carrier, String dedupKey, String subject,
                           String text, String json, String unsubscribeUrl, Instant createdAt) {
        this(channel, target, carrier, dedupKey, subject, text, json, unsubscribeUrl, createdAt, null);
    }

    /** What the {@code receiver} column holds for a direct webhook (not a valid receiver name). */
    public static final String DIRECT_WEBHOOK = "(direct webhook)";

    public enum Channel {
        WEBHOOK, EMAIL
    }

    public OutboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(createdAt, "createdAt");
        if (target == null || target.isBlank() || target.length() > 2000) {
            throw new IllegalArgumentException("message target must be 1..2000 characters");
        }
        if (dedupKey == null || dedupKey.isBlank() || dedupKey.length() > 200) {
            throw new IllegalArgumentException("message dedup key must be 1..200 characters");
        }
        if (channel == Channel.WEBHOOK) {
            URI uri;
            try {
                uri = URI.create(target);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("webhook message target must be an http(s) URL, was " + SafeText.echo(target));
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("webhook message target must be an http(s) URL, was " + SafeText.echo(target));
            }
            if (json == null || json.isBlank()) {
                throw new IllegalArgumentException("webhook message needs a JSON body");
            }
            if (carrier != null) {
                throw new IllegalArgumentException("webhook messages are posted directly, without a carrier");
            }
            if (signingSecret != null && signingSecret.length() < 16) {
                throw new IllegalArgumentException("webhook signing secret must have at least 16 characters");
            }
        } else {
            if (!target.matches("[^@\\s]{1,64}@[^@\\s]{1,255}")) {
                throw new IllegalArgumentException("e-mail message target must be an address, was " + SafeText.echo(target));
            }
            if (subject == null || subject.isBlank() || text == null) {
                throw new IllegalArgumentException("e-mail message needs a subject and a text");
            }
            if (carrier == null || carrier.isBlank()) {
                throw new IllegalArgumentException("e-mail message needs the name of the email receiver that carries it");
            }
            if (signingSecret != null) {
                throw new IllegalArgumentException("e-mail messages are not signed; a signing secret is for webhooks");
            }
        }
    }

    /** The outbox's {@code receiver} column: the carrier, or {@link #DIRECT_WEBHOOK}. */
    public String receiver() {
        return channel == Channel.WEBHOOK ? DIRECT_WEBHOOK : carrier;
    }
}

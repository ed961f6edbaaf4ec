package io.redset.web.subscriptions;

import java.time.Instant;
import java.util.List;

/**
 * Where subscriber notices go: the alerts module's durable outbox ({@link OutboxSubscriptionDelivery})
 * in the application. {@link #deliver} stores every notice durably or throws; the caller marks
 * an update as handed over only after it returned, and hands it over again after a failure (a
 * notice's dedup key makes that safe).
 */
public interface SubscriptionDelivery {

    /** Does this page offer subscriptions on this channel (e-mail needs a mail server)? */
    boolean offers(Channel channel);

    /** Stores the notices (all or none) for delivery; notices whose dedup key was seen before are dropped. */
    void deliver(List<Notice> notices);

    /** No channel offered: the alerts module (the outbox) is switched off. */
    static SubscriptionDelivery none() {
        return new SubscriptionDelivery() {
            @Override
            public boolean offers(Channel channel) {
                return false;
            }

            @Override
            public void deliver(List<Notice> notices) {
                throw new IllegalStateException("subscriptions are off: redset.alerts.enabled=false");
            }
        };
    }

    enum Channel {
        WEBHOOK, EMAIL
    }

    /**
     * One message to one subscriber.
     *
     * @param dedupKey       the same notice handed over twice has the same key (subscriber + incident update)
     * @param subject        e-mail subject
     * @param text           e-mail body (plain text, with the unsubscribe link)
     * @param json           webhook body (Statuspage-style: {@code meta}, {@code page}, {@code incident})
     * @param unsubscribeUrl the subscriber's unsubscribe link
     */
    /** @param signingSecret the webhook subscriber's secret (the post is signed with it); null for e-mail */
    record Notice(String subscriberId, Channel channel, String target, String dedupKey, String subject, String text,
                  String json, String unsubscribeUrl, Instant createdAt, String signingSecret) {
    }
}

package io.redset.web.status;

/**
 * Where subscriber notices go. The alerts module's durable outbox (retries, dead letters, one
 * delivery log) is meant to implement this; until it is wired, {@link DirectSubscriptionDelivery}
 * posts webhooks itself and logs e-mails. An implementation must not block the caller for long: it
 * is called after a status change, on the thread that made it.
 */
public interface SubscriptionDelivery {

    void deliver(Notice notice);

    enum Channel {
        WEBHOOK, EMAIL
    }

    /**
     * One message to one subscriber.
     *
     * @param dedupKey the same notice delivered twice has the same key (subscriber + incident update)
     * @param subject  e-mail subject
     * @param text     e-mail body (plain text, with the unsubscribe link)
     * @param json     webhook body (Statuspage-style: {@code meta}, {@code page}, {@code incident})
     */
    record Notice(String subscriberId, Channel channel, String target, String dedupKey, String subject, String text,
                  byte[] json) {
    }
}

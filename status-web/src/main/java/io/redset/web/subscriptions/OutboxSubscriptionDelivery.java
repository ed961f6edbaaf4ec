package io.redset.web.subscriptions;

import io.redset.alerts.Alerts;
import io.redset.alerts.OutboundMessage;

import java.util.List;

/**
 * Subscriber notices through the alerts module's durable outbox: stored before any attempt,
 * retried with backoff across restarts, listed with the alert notifications, sent by their own
 * thread so that subscribers never delay an alert. Webhooks are posted directly; e-mails go through
 * the SMTP settings of the email receiver named by {@code redset.status.subscription-email-receiver}
 * (without one, e-mail subscriptions are not offered).
 *
 * <p>Why this design, and what else was weighed: {@code docs/decisions/0005-outbox-carries-subscriber-messages.md}.
 */
final class OutboxSubscriptionDelivery implements SubscriptionDelivery {

    private final Alerts alerts;
    private final String emailReceiver;

    /**
     * @param emailReceiver name of an email receiver under {@code redset.alerts.receivers}, or null
     * @throws IllegalArgumentException when it names no email receiver
     */
    public OutboxSubscriptionDelivery(Alerts alerts, String emailReceiver) {
        this.alerts = alerts;
        this.emailReceiver = emailReceiver == null || emailReceiver.isBlank() ? null : emailReceiver.trim();
        if (this.emailReceiver != null && !alerts.carriesMail(this.emailReceiver)) {
            throw new IllegalArgumentException("redset.status.subscription-email-receiver names " + this.emailReceiver
                    + ", which is not an email receiver under redset.alerts.receivers");
        }
    }

    @Override
    public boolean offers(Channel channel) {
        return channel == Channel.WEBHOOK || emailReceiver != null;
    }

    @Override
    public void deliver(List<Notice> notices) {
        alerts.enqueueMessages(notices.stream().map(this::message).toList());
    }

    private OutboundMessage message(Notice n) {
        return n.channel() == Channel.WEBHOOK
                ? new OutboundMessage(OutboundMessage.Channel.WEBHOOK, n.target(), null, n.dedupKey(), n.subject(), n.text(),
                        n.json(), n.unsubscribeUrl(), n.createdAt(), n.signingSecret())
                : new OutboundMessage(OutboundMessage.Channel.EMAIL, n.target(), emailReceiver, n.dedupKey(), n.subject(), n.text(),
                        n.json(), n.unsubscribeUrl(), n.createdAt());
    }
}

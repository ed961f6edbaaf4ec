package io.redset.alerts;

/** Delivers notifications to one configured receiver. Called from the outbox sender's thread only. */
public interface Notifier {

    ReceiverConfig config();

    /** Does this receiver want {@code acknowledged} events (PagerDuty does, a chat channel does not)? */
    default boolean wantsAcknowledgements() {
        return false;
    }

    /** One attempt; never throws for a delivery failure (returns it, saying whether it is worth a retry). */
    DeliveryResult deliver(Notification notification);

    /** Can this receiver carry {@link OutboundMessage}s to other targets (an SMTP relay can)? */
    default boolean carriesMessages() {
        return false;
    }

    /** One attempt to deliver a one-off message to its own target; same contract as {@link #deliver}. */
    default DeliveryResult deliverMessage(OutboundMessage message) {
        return DeliveryResult.permanent("a " + config().type().tag() + " receiver cannot carry messages");
    }
}

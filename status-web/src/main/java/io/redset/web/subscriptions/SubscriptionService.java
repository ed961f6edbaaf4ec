package io.redset.web.subscriptions;

import io.redset.alerts.webhook.PublicAddresses;
import io.redset.alerts.webhook.WebhookSignature;
import io.redset.engine.InvalidInputException;
import io.redset.probes.ComponentHealth;
import io.redset.engine.ClientText;
import io.redset.web.status.StatusInput;
import io.redset.web.status.StatusService;
import io.redset.web.status.snapshot.StatusSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Subscriptions to incident and maintenance updates: a webhook URL or an e-mail address, for all
 * components or chosen ones, with double opt-in (nothing is delivered before the link or token
 * in the confirmation message is used) and an unsubscribe link in every message. Listens to
 * {@link StatusService} and hands one {@link SubscriptionDelivery.Notice} per confirmed, matching
 * subscriber to the delivery (the alerts outbox), all of an update's notices at once.
 *
 * <p>No notice is lost to a crash or an outbox failure: an update is marked {@code notified_at}
 * only after its notices were stored, and {@link #sweep()} (every {@link #SWEEP_INTERVAL}, on every
 * node) hands over the updates of the last {@link #SWEEP_WINDOW} that are not marked
 * ({@link NoticeHandOver}). A notice's dedup key (subscriber + update) makes handing it over twice
 * harmless.
 *
 * <p>Every message names two links for people: the confirmation page ({@code /subscription/confirm})
 * and the manage page ({@code /subscription}: change components, unsubscribe), both public views
 * that change nothing on a mere GET of the manage page (mail scanners open links). The mail's
 * {@code List-Unsubscribe} header and a webhook's {@code meta.unsubscribe} name the API's
 * unsubscribe URL, which takes the RFC 8058 one-click POST. Subscribing is rate limited per client
 * address and per page ({@link SubscribeLimits}); asking again for a pending or confirmed target
 * re-sends its confirmation or manage link at most every {@link #RESEND_AFTER}; subscriptions
 * not confirmed within {@link #PENDING_EXPIRY} of their last confirmation message are forgotten.
 *
 * <p>Here: subscribing, confirming and managing, and the sweep's thread. The rows are
 * {@link SubscriberStore}'s, the words {@link SubscriberMessages}', the targets' rules
 * {@link SubscriberTargets}'.
 *
 * <p>Concurrency: thread-safe; request threads, the sweeper thread and the status listener call
 * it at once, and every shared fact is a row (see {@link SubscriberStore}).
 */
public final class SubscriptionService implements AutoCloseable {

    public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);
    /** Older unmarked updates are not sent any more (the news would be stale). */
    public static final Duration SWEEP_WINDOW = NoticeHandOver.SWEEP_WINDOW;
    /** A second request for the same target sends its message again only after this. */
    public static final Duration RESEND_AFTER = Duration.ofMinutes(15);
    /** Subscriptions not confirmed within this are deleted by the sweep. */
    public static final Duration PENDING_EXPIRY = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(SubscriptionService.class);

    private final SubscriberStore store;
    private final NoticeHandOver handOver;
    private final StatusService status;
    private final SubscriptionDelivery delivery;
    private final Clock clock;
    private final boolean allowPrivateTargets;
    private final SubscribeLimits limits;
    private volatile ScheduledExecutorService sweeper;

    /** @param health the probes' component health (component_update notices), or null without probes */
    public SubscriptionService(DataSource controlDatabase, StatusService status, SubscriptionDelivery delivery, Clock clock,
                               boolean allowPrivateTargets, SubscribeLimits limits, ComponentHealth health) {
        this.store = new SubscriberStore(controlDatabase);
        this.handOver = new NoticeHandOver(store, status, delivery, clock, health);
        this.status = status;
        this.delivery = delivery;
        this.clock = clock;
        this.allowPrivateTargets = allowPrivateTargets;
        this.limits = limits;
        status.addListener(handOver::onStatusEvent);
        if (health != null) {
            // hand the change over soon, on the sweeper thread (not on the probe thread that saw it)
            health.addListener(change -> {
                ScheduledExecutorService s = sweeper;
                if (s != null) {
                    s.schedule(handOver::componentChangesQuietly, 1, TimeUnit.SECONDS);
                }
            });
        }
    }

    /** Starts the sweep thread (the application does; tests call {@link #sweep()} themselves). */
    public SubscriptionService startSweeping() {
        sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("redset-status-subscriptions").factory());
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                log.warn("Subscriber notices not swept: {}", e.toString());
            }
        }, SWEEP_INTERVAL.toSeconds(), SWEEP_INTERVAL.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    /** Does this page offer subscriptions on the channel? */
    public boolean offers(SubscriptionDelivery.Channel channel) {
        return delivery.offers(channel);
    }

    /**
     * A pending subscription; its confirmation message goes out at once. Asking again for a target
     * that is already subscribed sends nothing new within {@link #RESEND_AFTER}; after it, the
     * confirmation again (still pending) or the manage link (confirmed). The answer is the same in
     * every case, so nobody learns who subscribed what.
     *
     * @param client the caller's address, for the per-client rate limit
     * @throws InvalidInputException bad target or component, or a channel this page does not offer
     * @throws io.redset.engine.RejectedException RATE_LIMITED: too many requests from the client or for the page
     */
    public void subscribe(SubscriptionDelivery.Channel channel, String target, List<String> components, String client) {
        if (!delivery.offers(channel)) {
            // the message follows the field's name: "email is not offered ..."
            throw new InvalidInputException(SubscriberTargets.field(channel), channel == SubscriptionDelivery.Channel.EMAIL
                    ? "is not offered by this page (no mail server is set up); subscribe a webhook instead"
                    : "is not offered by this page (subscriptions are switched off)");
        }
        String t = SubscriberTargets.normalise(channel, target);
        StatusSnapshot s = status.snapshot();
        checkComponents(s, components);
        limits.acquire(client);
        // after the limit: a name lookup can take seconds, and must not be free to ask for
        if (channel == SubscriptionDelivery.Channel.WEBHOOK && !allowPrivateTargets) {
            PublicAddresses.whyNotPublic(URI.create(t).getHost()).ifPresent(why -> {
                throw new InvalidInputException("webhook", why);
            });
        }
        Instant now = clock.instant();
        String id = StatusInput.newId();
        String secret = channel == SubscriptionDelivery.Channel.WEBHOOK ? WebhookSignature.newSecret() : null;
        if (store.insertPending(id, channel, t, components, token(), token(), secret, now)) {
            try {
                delivery.deliver(List.of(SubscriberMessages.links(store.byId(id).orElseThrow(), s.page(), now)));
            } catch (RuntimeException e) {
                // no confirmation stored: forget the subscription so that subscribing again works
                store.delete(id);
                throw e;
            }
            return;
        }
        // already there: resend, at most every RESEND_AFTER (one node wins the update)
        store.takeResend(channel, t, now, RESEND_AFTER)
                .ifPresent(existing -> delivery.deliver(List.of(SubscriberMessages.links(existing, s.page(), now))));
    }

    /** The subscription the confirmation token confirmed (now or before), or empty for an unknown token. */
    public Optional<Subscription> confirm(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return store.confirm(token, clock.instant());
    }

    /** The subscription of a manage (= unsubscribe) token, for the manage page. */
    public Optional<Subscription> find(String manageToken) {
        return manageToken == null || manageToken.isBlank() ? Optional.empty() : store.byManageToken(manageToken);
    }

    /**
     * Sets the components a subscription follows (empty: all, including ones added later).
     *
     * @return false for an unknown token
     * @throws InvalidInputException an unknown component; nothing changes
     */
    public boolean changeComponents(String manageToken, List<String> components) {
        checkComponents(status.snapshot(), components);
        return manageToken != null && store.setComponents(manageToken, components);
    }

    /** True when the token removed a subscription. */
    public boolean unsubscribe(String token) {
        return token != null && store.deleteByManageToken(token);
    }

    /**
     * Forgets subscriptions not confirmed within {@link #PENDING_EXPIRY}, hands over the component
     * changes and then every update of the last {@link #SWEEP_WINDOW} that wants notices and is not
     * marked as handed over; returns how many updates it handed over.
     */
    public int sweep() {
        handOver.componentChangesQuietly();
        int expired = store.forgetPendingBefore(clock.instant().minus(PENDING_EXPIRY));
        if (expired > 0) {
            log.info("{} subscriptions not confirmed within {} forgotten", expired, PENDING_EXPIRY);
        }
        return handOver.sweep();
    }

    /**
     * Statuspage's {@code component_update} webhooks: every status change the probes made since the
     * cursor, to the confirmed webhook subscribers that follow the component. Returns how many
     * changes were handed over.
     */
    public int handOverComponentChanges() {
        return handOver.componentChanges();
    }

    private static void checkComponents(StatusSnapshot s, List<String> components) {
        if (components.size() > 200) {
            throw new InvalidInputException("components", "names more than 200 components");
        }
        for (String c : components) {
            if (s.component(c).isEmpty()) {
                throw new InvalidInputException("components", "names an unknown component: " + ClientText.printable(c));
            }
        }
    }

    private static String token() {
        return StatusInput.newId() + StatusInput.newId() + StatusInput.newId();
    }

    /**
     * One subscription as its owner sees it on the manage page.
     *
     * @param components the components it follows; empty: all
     * @param confirmedAt null while pending
     */
    public record Subscription(String id, SubscriptionDelivery.Channel channel, String target, List<String> components,
                               Instant createdAt, Instant confirmedAt, String confirmToken, String manageToken,
                               String signingSecret) {

        public boolean confirmed() {
            return confirmedAt != null;
        }
    }
}

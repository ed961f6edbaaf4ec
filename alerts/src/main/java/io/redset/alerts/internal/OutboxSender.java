package io.redset.alerts.internal;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.redset.alerts.DeliveryResult;
import io.redset.alerts.Notification;
import io.redset.alerts.Notifier;
import io.redset.alerts.OutboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Delivers the outbox: due rows are locked ({@code for update skip locked}, so two nodes never take
 * the same row), each is tried with its receiver's Resilience4j {@link Retry} (exponential backoff,
 * retried only when the notifier says a retry may help), then marked delivered, rescheduled with a
 * longer backoff, failed (not retryable) or expired (past its expiry). A row is marked delivered in
 * the same transaction that locked it, so it is never sent again once that commits. A crash between
 * the receiver's answer and the commit sends it once more after the restart (at least once); the
 * dedup key travels with it (PagerDuty's {@code dedup_key}, the email header) for receivers that
 * drop repeats. What a receiver answered reaches {@code last_error} and the log only through
 * {@link DeliveryResult}'s printable message, and {@link AlertStore#markOutbox} keeps one row's failed
 * mark from rolling back the others: no answer can make a batch be sent again at every poll.
 *
 * <p>Two senders share the table: one for alert notifications, one for one-off messages (status-page
 * subscribers), so a slow or dead subscriber endpoint never delays an alert. A message gets one
 * attempt per round (no in-round retries: thousands of subscribers must not hold the thread) and is
 * rescheduled with the same growing backoff; the messages of a batch are sent concurrently (virtual
 * threads, at most {@code message-concurrency} at once) since each waits on a remote server.
 *
 * <p>One thread per sender (its own, or a test's).
 */
public final class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 20;
    /** Messages are taken this many at a time, or the concurrency if larger. */
    private static final int MESSAGE_BATCH = 64;

    private final AlertStore store;
    private final boolean messages;
    private final Function<OutboundMessage, DeliveryResult> directWebhook;
    private final Map<String, Notifier> notifiers;
    private final Clock clock;
    private final Duration backoff;
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();
    private final int attempts;
    private final int concurrency;
    private final Counter delivered;
    private final Counter failed;

    /**
     * @param messages      true: this sender takes the one-off messages, false: the alert notifications
     * @param directWebhook posts messages to subscriber webhooks (messages only; the webhook package's
     *                      {@code DirectWebhook}, passed in so that this package does not depend on it)
     */
    public OutboxSender(AlertStore store, boolean messages, Function<OutboundMessage, DeliveryResult> directWebhook, Map<String, Notifier> notifiers,
                        Clock clock, int attempts, Duration backoff, int concurrency, MeterRegistry meters) {
        this.concurrency = concurrency;
        this.store = store;
        this.messages = messages;
        this.directWebhook = directWebhook;
        this.notifiers = notifiers;
        this.clock = clock;
        this.attempts = attempts;
        this.backoff = backoff;
        String kind = messages ? "message" : "alert";
        this.delivered = Counter.builder("redset.alerts.notifications").tag("kind", kind).tag("outcome", "delivered")
                .description("Outbox rows delivered or given up").register(meters);
        this.failed = Counter.builder("redset.alerts.notifications").tag("kind", kind).tag("outcome", "failed")
                .description("Outbox rows delivered or given up").register(meters);
    }

    private Retry retry(String receiver) {
        return retries.computeIfAbsent(receiver, r -> Retry.of("alerts-" + r, RetryConfig.<DeliveryResult>custom()
                .maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(backoff, 2.0))
                .retryOnResult(d -> !d.delivered() && d.retryable())
                .failAfterMaxAttempts(false)
                .build()));
    }

    /** The attempts of a batch of messages, concurrently; expired rows are not attempted. */
    private Map<Long, DeliveryResult> attemptAll(List<AlertStore.OutboxRow> rows, Instant now) {
        Map<Long, DeliveryResult> results = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(concurrency);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (AlertStore.OutboxRow row : rows) {
                if (now.isAfter(row.expiresAt())) {
                    continue;
                }
                threads.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        results.put(row.id(), attemptSafely(row));
                    } finally {
                        slots.release();
                    }
                });
            }
        } // waits for every attempt
        return results;
    }

    private DeliveryResult attemptSafely(AlertStore.OutboxRow row) {
        try {
            return attempt(row);
        } catch (RuntimeException e) {
            return DeliveryResult.retry(e.toString());
        }
    }

    private DeliveryResult attempt(AlertStore.OutboxRow row) {
        if (row.message() != null) {
            OutboundMessage m = row.message();
            if (m.channel() == OutboundMessage.Channel.WEBHOOK) {
                return directWebhook.apply(m);
            }
            Notifier carrier = notifiers.get(m.carrier());
            return carrier == null ? DeliveryResult.permanent("no receiver named " + m.carrier() + " carries mail")
                    : carrier.deliverMessage(m);
        }
        Notification note = row.notification();
        Notifier notifier = notifiers.get(note.receiver());
        if (notifier == null) {
            return DeliveryResult.permanent("no receiver named " + note.receiver());
        }
        return retry(note.receiver()).executeSupplier(() -> notifier.deliver(note));
    }

    /** Sends what is due now; returns how many rows were handled. */
    public int deliverDue() {
        Instant now = clock.instant();
        return store.tx(c -> {
            int n = 0;
            List<AlertStore.OutboxRow> rows = store.lockDue(c, now, messages ? Math.max(MESSAGE_BATCH, concurrency) : BATCH, messages);
            Map<Long, DeliveryResult> sent = messages ? attemptAll(rows, now) : Map.of();
            for (AlertStore.OutboxRow row : rows) {
                n++;
                String receiver = row.receiver();
                String key = row.dedupKey();
                int tried = row.attempts() + 1;
                if (now.isAfter(row.expiresAt())) {
                    store.markOutbox(c, row.id(), "expired", row.attempts(), now, null, "expired before delivery");
                    failed.increment();
                    log.warn("outbox row {} to {} expired undelivered", key, receiver);
                    continue;
                }
                DeliveryResult result = messages ? sent.get(row.id()) : attemptSafely(row);
                if (result.delivered()) {
                    store.markOutbox(c, row.id(), "delivered", tried, now, clock.instant(), null);
                    delivered.increment();
                } else if (result.retryable()) {
                    Duration wait = backoff.multipliedBy(1L << Math.min(10, tried + 1));
                    store.markOutbox(c, row.id(), "pending", tried, clock.instant().plus(wait), null, result.message());
                    log.info("outbox row {} to {} not delivered ({}), next try in {}", key, receiver, result.message(), wait);
                } else {
                    store.markOutbox(c, row.id(), "failed", tried, now, null, result.message());
                    failed.increment();
                    log.warn("outbox row {} to {} refused: {}", key, receiver, result.message());
                }
            }
            return n;
        });
    }
}

package io.redset.alerts.internal;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.redset.alerts.DeliveryResult;
import io.redset.alerts.Notification;
import io.redset.alerts.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers the outbox: due rows are locked ({@code for update skip locked}, so two nodes never take
 * the same row), each is tried with its receiver's Resilience4j {@link Retry} (exponential backoff,
 * retried only when the notifier says a retry may help), then marked delivered, rescheduled with a
 * longer backoff, failed (not retryable) or expired (past its expiry). A row is marked delivered in
 * the same transaction that locked it, so it is never sent again once that commits. A crash between
 * the receiver's answer and the commit sends it once more after the restart (at least once); the
 * dedup key travels with it (PagerDuty's {@code dedup_key}, the email header) for receivers that
 * drop repeats.
 *
 * <p>One thread only (the sender's, or a test's).
 */
public final class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 20;

    private final AlertStore store;
    private final Map<String, Notifier> notifiers;
    private final Clock clock;
    private final Duration backoff;
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();
    private final int attempts;
    private final Counter delivered;
    private final Counter failed;

    public OutboxSender(AlertStore store, Map<String, Notifier> notifiers, Clock clock, int attempts, Duration backoff,
                        MeterRegistry meters) {
        this.store = store;
        this.notifiers = notifiers;
        this.clock = clock;
        this.attempts = attempts;
        this.backoff = backoff;
        this.delivered = Counter.builder("redset.alerts.notifications").tag("outcome", "delivered")
                .description("Notifications delivered or given up").register(meters);
        this.failed = Counter.builder("redset.alerts.notifications").tag("outcome", "failed")
                .description("Notifications delivered or given up").register(meters);
    }

    private Retry retry(String receiver) {
        return retries.computeIfAbsent(receiver, r -> Retry.of("alerts-" + r, RetryConfig.<DeliveryResult>custom()
                .maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(backoff, 2.0))
                .retryOnResult(d -> !d.delivered() && d.retryable())
                .failAfterMaxAttempts(false)
                .build()));
    }

    /** Sends what is due now; returns how many rows were handled. */
    public int deliverDue() {
        Instant now = clock.instant();
        return store.tx(c -> {
            int n = 0;
            for (AlertStore.OutboxRow row : store.lockDue(c, now, BATCH)) {
                n++;
                Notification note = row.notification();
                int tried = row.attempts() + 1;
                if (now.isAfter(row.expiresAt())) {
                    store.markOutbox(c, row.id(), "expired", row.attempts(), now, null, "expired before delivery");
                    failed.increment();
                    log.warn("alert notification {} to {} expired undelivered", note.dedupKey(), note.receiver());
                    continue;
                }
                Notifier notifier = notifiers.get(note.receiver());
                if (notifier == null) {
                    store.markOutbox(c, row.id(), "failed", tried, now, null, "no receiver named " + note.receiver());
                    failed.increment();
                    continue;
                }
                DeliveryResult result;
                try {
                    result = retry(note.receiver()).executeSupplier(() -> notifier.deliver(note));
                } catch (RuntimeException e) {
                    result = DeliveryResult.retry(e.toString());
                }
                if (result.delivered()) {
                    store.markOutbox(c, row.id(), "delivered", tried, now, clock.instant(), null);
                    delivered.increment();
                } else if (result.retryable()) {
                    Duration wait = backoff.multipliedBy(1L << Math.min(10, tried + 1));
                    store.markOutbox(c, row.id(), "pending", tried, clock.instant().plus(wait), null, result.message());
                    log.info("alert notification {} to {} not delivered ({}), next try in {}", note.dedupKey(), note.receiver(), result.message(), wait);
                } else {
                    store.markOutbox(c, row.id(), "failed", tried, now, null, result.message());
                    failed.increment();
                    log.warn("alert notification {} to {} refused: {}", note.dedupKey(), note.receiver(), result.message());
                }
            }
            return n;
        });
    }
}

package io.redset.engine.internal;

import io.redset.engine.ClaimAnswer;
import io.redset.engine.ClaimOutcome;
import io.redset.engine.EnvelopeId;
import io.redset.engine.EnvelopeStatus;
import io.redset.engine.SplitMode;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory gate and FIFO queue of one envelope, owned by one lane.
 *
 * <p>Concurrency: the committed fields ({@code remainingFen}, {@code remainingCount}, {@code status},
 * {@code claimed}) are written only by the owning lane's worker, after its transaction committed, and
 * read by anyone (volatile / concurrent map). Admission of a new claim and draining of the queue
 * hold the monitor of this object, so the queue, {@code pending} and {@code scheduled} change together,
 * and so does the SET's count of pending claims that the caller passes in (read by gauges and the
 * status page without walking the envelopes).
 * The gate lets through at most {@code remainingCount} queued claims: every later one is answered
 * SOLD_OUT from memory. The database stays the arbiter: the lane's conditional update refuses any
 * batch computed from a stale view.
 */
final class EnvelopeState {
    final EnvelopeId id;
    final String senderId;
    final SplitMode mode;
    final long totalFen;
    final int count;
    final Instant createdAt;
    final Instant expiresAt;
    final boolean probe;

    volatile long remainingFen;
    volatile int remainingCount;
    volatile long refundedFen;
    volatile EnvelopeStatus status;
    /** Set by the lane when the database may hold more than memory (a failed or unknown commit). */
    volatile boolean stale;
    /** userId -> committed answer of that user's claim. */
    final Map<String, ClaimAnswer> claimed = new ConcurrentHashMap<>();

    // guarded by this
    private final ArrayDeque<PendingClaim> queue = new ArrayDeque<>();
    private final Map<String, PendingClaim> pendingByUser = new java.util.HashMap<>();
    private boolean scheduled;

    EnvelopeState(EnvelopeId id, String senderId, SplitMode mode, long totalFen, int count, Instant createdAt,
                  Instant expiresAt, boolean probe, long remainingFen, int remainingCount, long refundedFen,
                  EnvelopeStatus status) {
        this.id = id;
        this.senderId = senderId;
        this.mode = mode;
        this.totalFen = totalFen;
        this.count = count;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.probe = probe;
        this.remainingFen = remainingFen;
        this.remainingCount = remainingCount;
        this.refundedFen = refundedFen;
        this.status = status;
    }

    boolean isExpiredAt(Instant now) {
        return status == EnvelopeStatus.EXPIRED || !now.isBefore(expiresAt);
    }

    /**
     * Result of trying to enter the queue: a claim to wait for (queued, or joined when the same user
     * is already queued), an answer from memory, or busy. mustSchedule says the caller has to hand
     * the envelope to its lane.
     */
    record Admission(PendingClaim queued, PendingClaim joined, ClaimAnswer answer, boolean busy, boolean mustSchedule) {
    }

    /**
     * Admits a claim or answers it from memory. Called by request threads.
     *
     * @return the pending claim to wait for, an answer, or busy
     */
    synchronized Admission admit(String userId, Instant now, int cap, java.util.concurrent.atomic.AtomicLong tickets, long nanos,
                              java.util.concurrent.atomic.AtomicInteger setPending) {
        ClaimAnswer done = claimed.get(userId);
        if (done != null) {
            return new Admission(null, null, done.asRepeat(), false, false);
        }
        PendingClaim same = pendingByUser.get(userId);
        if (same != null) {
            return new Admission(null, same, null, false, false);
        }
        if (isExpiredAt(now)) {
            return new Admission(null, null, ClaimAnswer.of(ClaimOutcome.EXPIRED), false, false);
        }
        // pendingByUser holds the queued claims and those in the lane's current batch
        if (remainingCount - pendingByUser.size() <= 0) {
            return new Admission(null, null, ClaimAnswer.of(ClaimOutcome.SOLD_OUT), false, false);
        }
        if (pendingByUser.size() >= cap) {
            return new Admission(null, null, null, true, false);
        }
        // the ticket is drawn under the lock, so ticket order is queue order
        PendingClaim p = new PendingClaim(userId, tickets.incrementAndGet(), nanos);
        queue.addLast(p);
        pendingByUser.put(userId, p);
        setPending.incrementAndGet();
        boolean mustSchedule = !scheduled;
        scheduled = true;
        return new Admission(p, null, null, false, mustSchedule);
    }

    /** The answer the gate can give without the database, or null if the claim must be queued. */
    synchronized ClaimAnswer answerFromMemory(String userId, Instant now) {
        ClaimAnswer done = claimed.get(userId);
        if (done != null) {
            return done.asRepeat();
        }
        if (pendingByUser.containsKey(userId)) {
            return null;
        }
        if (isExpiredAt(now)) {
            return ClaimAnswer.of(ClaimOutcome.EXPIRED);
        }
        if (remainingCount - pendingByUser.size() <= 0) {
            return ClaimAnswer.of(ClaimOutcome.SOLD_OUT);
        }
        return null;
    }

    /** What a grab sees: may this user still open it? */
    synchronized io.redset.engine.GrabAnswer grab(String userId, Instant now) {
        if (claimed.containsKey(userId)) {
            return io.redset.engine.GrabAnswer.closed(ClaimOutcome.ALREADY_CLAIMED);
        }
        if (pendingByUser.containsKey(userId)) {
            return io.redset.engine.GrabAnswer.OPEN;
        }
        if (isExpiredAt(now)) {
            return io.redset.engine.GrabAnswer.closed(ClaimOutcome.EXPIRED);
        }
        if (remainingCount - pendingByUser.size() <= 0) {
            return io.redset.engine.GrabAnswer.closed(ClaimOutcome.SOLD_OUT);
        }
        return io.redset.engine.GrabAnswer.OPEN;
    }

    /** Takes up to max claims in arrival order (lane worker only). */
    synchronized List<PendingClaim> drain(int max) {
        int n = Math.min(max, queue.size());
        List<PendingClaim> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(queue.pollFirst());
        }
        return out;
    }

    /**
     * After a batch committed (or failed): publish the committed state and forget the answered claims
     * in one step, so the gate never counts a claim twice or not at all.
     *
     * @param committed the claims committed by the batch, userId -> answer (empty when it failed)
     * @return true if more claims wait and the envelope stays scheduled
     */
    synchronized boolean finish(List<PendingClaim> answered, Map<String, ClaimAnswer> committed,
                                long newRemainingFen, int newRemainingCount, EnvelopeStatus newStatus,
                                java.util.concurrent.atomic.AtomicInteger setPending) {
        claimed.putAll(committed);
        remainingFen = newRemainingFen;
        remainingCount = newRemainingCount;
        status = newStatus;
        for (PendingClaim p : answered) {
            if (pendingByUser.remove(p.userId, p)) {
                setPending.decrementAndGet();
            }
        }
        scheduled = !queue.isEmpty();
        return scheduled;
    }

    /** Replaces the committed view with what the database holds (lane worker only). */
    synchronized void refresh(EnvelopeStore.Committed c) {
        claimed.putAll(c.claims());
        remainingFen = c.remainingFen();
        remainingCount = c.remainingCount();
        refundedFen = c.refundedFen();
        status = c.status();
        stale = false;
    }

    /** Publishes an expiry refund committed by the lane. */
    synchronized void expired(long refunded) {
        refundedFen = refunded;
        status = EnvelopeStatus.EXPIRED;
    }

    /** Empties the queue (shutdown or eviction); the caller fails the returned claims. */
    synchronized List<PendingClaim> abandon(java.util.concurrent.atomic.AtomicInteger setPending) {
        List<PendingClaim> out = new ArrayList<>(queue);
        queue.clear();
        setPending.addAndGet(-pendingByUser.size());
        pendingByUser.clear();
        scheduled = false;
        return out;
    }

    synchronized int queued() {
        return pendingByUser.size();
    }

    boolean finished() {
        return status != EnvelopeStatus.ACTIVE;
    }
}

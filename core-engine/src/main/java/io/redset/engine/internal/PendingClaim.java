package io.redset.engine.internal;

import io.redset.engine.ClaimAnswer;

import java.util.concurrent.CompletableFuture;

/** A claim admitted to an envelope's queue, answered by the lane after its batch commits. */
final class PendingClaim {
    final String userId;
    /** Arrival ticket: increases in the order claims entered their envelope's queue. */
    final long arrival;
    final long enqueuedNanos;
    final CompletableFuture<ClaimAnswer> answer = new CompletableFuture<>();

    PendingClaim(String userId, long arrival, long enqueuedNanos) {
        this.userId = userId;
        this.arrival = arrival;
        this.enqueuedNanos = enqueuedNanos;
    }
}

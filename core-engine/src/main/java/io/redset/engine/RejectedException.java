package io.redset.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * The engine refused to do the work now. Nothing was written; the caller may retry later
 * (claims are idempotent per user, sends per requestId).
 */
public final class RejectedException extends RedSetException {

    public enum Reason {
        /** The SET's rate limiter for this operation is exhausted (HTTP 429). */
        RATE_LIMITED,
        /** Too many concurrent database calls on this SET (HTTP 503). */
        BULKHEAD_FULL,
        /** Too many claims already queued on this envelope (HTTP 503, retry). */
        BUSY,
        /** The SET's degradation mode refuses this operation (HTTP 503). */
        MODE,
        /** The SET's database is failing or its circuit breaker is open (HTTP 503). */
        SET_UNAVAILABLE,
        /** This node does not serve the envelope's SET (HTTP 421). */
        NOT_OWNED,
        /** The claim was queued but not confirmed in time; its outcome is unknown, retry (HTTP 503). */
        TIMEOUT
    }

    private final Reason reason;
    private final SetId set;
    private final Duration retryAfter;

    public RejectedException(Reason reason, SetId set, String message, Duration retryAfter) {
        super(message);
        this.reason = reason;
        this.set = set;
        this.retryAfter = retryAfter;
    }

    public RejectedException(Reason reason, SetId set, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.set = set;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** The SET concerned, or null when no single SET is (no SET accepts sends). */
    public SetId set() {
        return set;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

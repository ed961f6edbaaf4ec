package io.redset.engine.internal;

import io.redset.engine.ClaimOutcome;
import io.redset.engine.EnvelopeNotFoundException;
import io.redset.engine.IdempotencyConflictException;
import io.redset.engine.InvalidInputException;
import io.redset.engine.RedSetException;
import io.redset.engine.RejectedException;
import io.redset.engine.internal.EngineMetrics.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine call as the meters see it: started when the call begins, told which SET serves it
 * and whether it is the canary's, and ended exactly once, either with its outcome or with the
 * exception it throws. Every call of the API is counted and timed the same way
 * ({@code redset_requests_total}, {@code redset_request_duration_seconds}), and failures leave as
 * engine answers: a database outage becomes {@code SET_UNAVAILABLE} (and feeds the SET's circuit
 * breaker); anything unexpected is logged once and passes through.
 *
 * <pre>{@code
 * MeteredCall call = new MeteredCall(metrics, "grab");
 * try {
 *     call.servedBy(rt);
 *     ...
 *     return call.succeeded(answer, outcome);
 * } catch (RuntimeException e) {
 *     throw call.failed(e);
 * }
 * }</pre>
 *
 * <p>Concurrency: one object per call, used by the calling thread only.
 */
final class MeteredCall {

    private static final Logger log = LoggerFactory.getLogger(MeteredCall.class);

    private final EngineMetrics metrics;
    private final String operation;
    private final long startNanos = System.nanoTime();
    private SetRuntime runtime;
    private boolean probe;

    MeteredCall(EngineMetrics metrics, String operation) {
        this.metrics = metrics;
        this.operation = operation;
    }

    long startNanos() {
        return startNanos;
    }

    /** The SET that serves the call (null until known: a call refused before is counted without SET). */
    MeteredCall servedBy(SetRuntime rt) {
        this.runtime = rt;
        return this;
    }

    MeteredCall probe(boolean probe) {
        this.probe = probe;
        return this;
    }

    SetRuntime runtime() {
        return runtime;
    }

    <T> T succeeded(T answer, Outcome outcome) {
        metrics.request(runtime == null ? null : runtime.set(), operation, outcome, System.nanoTime() - startNanos, probe);
        return answer;
    }

    /** Counts the failure and returns what the caller should throw. */
    RuntimeException failed(RuntimeException e) {
        metrics.request(runtime == null ? null : runtime.set(), operation, outcomeOf(e), System.nanoTime() - startNanos, probe);
        return translate(e, runtime);
    }

    static Outcome outcomeOf(ClaimOutcome o) {
        return switch (o) {
            case CLAIMED -> Outcome.SUCCESS;
            case ALREADY_CLAIMED -> Outcome.ALREADY_CLAIMED;
            case SOLD_OUT -> Outcome.SOLD_OUT;
            case EXPIRED -> Outcome.EXPIRED;
        };
    }

    static Outcome outcomeOf(RuntimeException e) {
        if (e instanceof InvalidInputException || e instanceof IdempotencyConflictException) {
            return Outcome.BAD_REQUEST;
        }
        if (e instanceof EnvelopeNotFoundException) {
            return Outcome.NOT_FOUND;
        }
        if (e instanceof RejectedException r) {
            return switch (r.reason()) {
                case RATE_LIMITED -> Outcome.REJECTED_RATE_LIMIT;
                case BULKHEAD_FULL -> Outcome.REJECTED_BULKHEAD;
                case BUSY -> Outcome.REJECTED_BUSY;
                case MODE, NOT_OWNED -> Outcome.REJECTED_MODE;
                case SET_UNAVAILABLE -> Outcome.UNAVAILABLE;
                case TIMEOUT -> Outcome.TIMEOUT;
            };
        }
        return Outcome.ERROR;
    }

    /** Engine answers pass through; anything else becomes SET_UNAVAILABLE or stays an error. */
    private static RuntimeException translate(RuntimeException e, SetRuntime rt) {
        if (e instanceof RedSetException) {
            return e;
        }
        if (rt != null && SetGuards.isDatabaseOutage(e)) {
            return rt.guards().unavailable(e);
        }
        log.error("unexpected engine failure", e);
        return e;
    }
}

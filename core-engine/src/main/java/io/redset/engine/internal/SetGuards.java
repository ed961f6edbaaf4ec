package io.redset.engine.internal;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.redset.engine.EngineConfig;
import io.redset.engine.RejectedException;
import io.redset.engine.RejectedException.Reason;
import io.redset.engine.SetId;
import io.redset.engine.SetLimits;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The Resilience4j guards of one SET, registered by name ({@code set-03-claim}, ...) in the engine's
 * shared registries so Micrometer reports them with their names:
 * a RateLimiter per operation, two Bulkheads around request-thread database work, and a
 * CircuitBreaker on the SET database that every database call of the SET (lanes included) reports to.
 *
 * <p>The bulkheads keep lookups apart from money work: {@code set-03-read} (loading an envelope that
 * is not in memory, details, reconcile, the expiry scan) has half the permits of
 * {@code set-03-write} (sends with their idempotency lookups, day partitions, lane reloads), so a
 * flood of lookups of unknown ids cannot starve sends. Thread-safe: the Resilience4j objects are.
 */
final class SetGuards {

    enum Operation { SEND, CLAIM, GRAB, DETAILS }

    /** Which bulkhead a piece of request-thread database work goes through. */
    enum Work { READ, WRITE }

    private final SetId set;
    private final Map<Operation, RateLimiter> rateLimiters;
    private final Bulkhead readBulkhead;
    private final Bulkhead writeBulkhead;
    private final CircuitBreaker circuitBreaker;

    SetGuards(SetId set, SetLimits limits, EngineConfig.CircuitSettings circuit, RateLimiterRegistry rateLimiterRegistry,
              BulkheadRegistry bulkheadRegistry, CircuitBreakerRegistry circuitBreakerRegistry) {
        this.set = set;
        Map<String, String> tags = Map.of("set", set.tag());
        this.rateLimiters = new java.util.EnumMap<>(Operation.class);
        for (Operation op : Operation.values()) {
            rateLimiters.put(op, rateLimiterRegistry.rateLimiter(name(op), RateLimiterConfig.custom()
                    .limitRefreshPeriod(Duration.ofSeconds(1))
                    .limitForPeriod(limitOf(limits, op))
                    .timeoutDuration(Duration.ZERO)
                    .build(), tags));
        }
        this.readBulkhead = bulkheadRegistry.bulkhead("set-" + set.tag() + "-read", bulkheadConfig(limits, Work.READ), tags);
        this.writeBulkhead = bulkheadRegistry.bulkhead("set-" + set.tag() + "-write", bulkheadConfig(limits, Work.WRITE), tags);
        this.circuitBreaker = circuitBreakerRegistry.circuitBreaker("set-" + set.tag(), CircuitBreakerConfig.custom()
                .failureRateThreshold(circuit.failureRateThreshold())
                .minimumNumberOfCalls(circuit.minimumNumberOfCalls())
                .slidingWindowSize(circuit.slidingWindowSize())
                .waitDurationInOpenState(circuit.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(circuit.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // only a failing database opens the circuit; constraint answers are not outages
                .recordException(SetGuards::isDatabaseOutage)
                .build(), tags);
    }

    private String name(Operation op) {
        return "set-" + set.tag() + "-" + op.name().toLowerCase();
    }

    private static BulkheadConfig bulkheadConfig(SetLimits limits, Work work) {
        int permits = work == Work.WRITE ? limits.bulkheadMaxConcurrent() : Math.max(1, limits.bulkheadMaxConcurrent() / 2);
        return BulkheadConfig.custom()
                .maxConcurrentCalls(permits)
                .maxWaitDuration(limits.bulkheadMaxWait())
                .build();
    }

    private static int limitOf(SetLimits limits, Operation op) {
        return switch (op) {
            case SEND -> limits.sendPerSecond();
            case CLAIM -> limits.claimPerSecond();
            case GRAB -> limits.grabPerSecond();
            case DETAILS -> limits.detailsPerSecond();
        };
    }

    /** Applies new limits at once (live). */
    void apply(SetLimits limits) {
        rateLimiters.forEach((op, rl) -> rl.changeLimitForPeriod(limitOf(limits, op)));
        readBulkhead.changeConfig(bulkheadConfig(limits, Work.READ));
        writeBulkhead.changeConfig(bulkheadConfig(limits, Work.WRITE));
    }

    void acquire(Operation op) {
        RateLimiter rl = rateLimiters.get(op);
        if (!rl.acquirePermission()) {
            throw new RejectedException(Reason.RATE_LIMITED, set,
                    "SET " + set + " is over its " + op.name().toLowerCase() + " rate limit", Duration.ofSeconds(1));
        }
    }

    /** Fails fast while the SET database circuit is open. */
    void requireCircuitNotOpen() {
        CircuitBreaker.State state = circuitBreaker.getState();
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
            throw unavailable(null);
        }
    }

    /** Runs request-thread database work inside the bulkhead and the circuit breaker. */
    <T> T guardedDatabaseCall(Work work, Callable<T> call) {
        Bulkhead bulkhead = work == Work.WRITE ? writeBulkhead : readBulkhead;
        try {
            return Bulkhead.decorateCallable(bulkhead, CircuitBreaker.decorateCallable(circuitBreaker, call)).call();
        } catch (BulkheadFullException e) {
            throw new RejectedException(Reason.BULKHEAD_FULL, set, "SET " + set + " has too many database "
                    + (work == Work.WRITE ? "writes" : "reads") + " in flight",
                    Duration.ofSeconds(1), e);
        } catch (CallNotPermittedException e) {
            throw unavailable(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (isDatabaseOutage(e)) {
                throw unavailable(e);
            }
            throw new IllegalStateException("database call on SET " + set + " failed", e);
        }
    }

    CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    RejectedException unavailable(Throwable cause) {
        return new RejectedException(Reason.SET_UNAVAILABLE, set, "SET " + set + " database is unavailable",
                Duration.ofSeconds(1), cause);
    }

    /**
     * True for failures that mean the database cannot be reached or used (connection refused or
     * lost, pool timeout, server shutting down), false for answers of a working database
     * (constraint violations, serialization conflicts).
     */
    static boolean isDatabaseOutage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLTransientConnectionException) {
                return true;
            }
            if (c instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state == null) {
                    return true;
                }
                // 08 connection exception, 57 operator intervention (shutdown), 53 insufficient resources,
                // 58 system error
                if (state.startsWith("08") || state.startsWith("57") || state.startsWith("53") || state.startsWith("58")) {
                    return true;
                }
            }
        }
        return false;
    }
}

package io.redset.engine;

/**
 * What an operator sees of one SET.
 *
 * @param circuitState the database circuit breaker: CLOSED, OPEN, HALF_OPEN, ...
 * @param queuedClaims claims waiting in the SET's lanes right now
 */
public record SetView(SetId set, boolean owned, SetMode mode, ModeChange lastChange, String circuitState,
                      int queuedClaims, int cachedEnvelopes, SetLimits limits, SetLimits effectiveLimits) {
}

package io.redset.alerts;

import io.redset.engine.WireName;

/** What a rule measures. */
public enum RuleKind implements WireName {
    /** Per SET and operation: (unavailable + timeout + error) / requests over a sliding window. */
    ERROR_RATIO("error-ratio"),
    /** Per SET and operation: rejections (rate limiter, bulkhead, busy cap, mode) / requests. */
    REJECTION_RATIO("rejection-ratio"),
    /** Service-wide: error ratio against an SLO over pairs of long and short windows. */
    BURN_RATE("burn-rate"),
    /** Per SET: one of the listed probes (db, canary) is down after its hysteresis. */
    PROBE_FAILING("probe-failing"),
    /** Per SET: the reconcile probe found a broken money invariant. */
    RECONCILE_MISMATCH("reconcile-mismatch"),
    /** Per SET: no request in the window although the window before had traffic. */
    NO_TRAFFIC("no-traffic");

    private final String wireName;

    RuleKind(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Rules of this kind read the engine's request counters (rather than the probes). */
    public boolean countsRequests() {
        return this == ERROR_RATIO || this == REJECTION_RATIO || this == BURN_RATE || this == NO_TRAFFIC;
    }

    public static RuleKind ofWireName(String name) {
        return WireName.of(RuleKind.class, "rule kind", name);
    }
}

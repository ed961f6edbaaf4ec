package io.redset.probes;

import io.redset.engine.WireName;

/** How one probe run ended. */
public enum ProbeOutcome implements WireName {
    /** Everything checked held, in time. */
    OK("ok"),
    /** It worked, but slowly or with warnings (latency above its threshold, high rejection ratio). */
    DEGRADED("degraded"),
    /** It did not work: an error, a wrong answer, or no answer within the timeout. */
    FAILED("failed"),
    /**
     * Proof of a broken invariant (reconcile found money created or lost). Takes effect at once,
     * without waiting for consecutive failures.
     */
    CRITICAL("critical"),
    /** Not measured this time, on purpose (e.g. the SET's mode takes no sends); changes nothing. */
    SKIPPED("skipped");

    private final String wireName;

    ProbeOutcome(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Did the probed thing answer correctly (Prometheus' {@code probe_success} sense)? */
    public boolean success() {
        return this == OK || this == DEGRADED;
    }

    public static ProbeOutcome ofWireName(String name) {
        return WireName.of(ProbeOutcome.class, "probe outcome", name);
    }
}

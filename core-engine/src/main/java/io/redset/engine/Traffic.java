package io.redset.engine;

/**
 * Who a grab, claim or details request comes from. The canary's envelopes and the customers'
 * envelopes are kept apart: customer traffic never sees a probe envelope (it is "not found", so an
 * outsider cannot claim the canary's shares and make it page on-call), and probe traffic never
 * touches a customer's envelope.
 */
public enum Traffic {
    /** Callers of the claim API: the business's users and its app servers. */
    CUSTOMER,
    /** RedSet's own in-process canary probes. */
    PROBE;

    /** True when this traffic may see an envelope that is (or is not) a probe envelope. */
    public boolean allows(boolean probeEnvelope) {
        return probeEnvelope == (this == PROBE);
    }
}

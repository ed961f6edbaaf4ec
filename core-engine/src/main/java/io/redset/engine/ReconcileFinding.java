package io.redset.engine;

/**
 * One broken money rule found by {@link ClaimEngine#reconcile}: which rule, on which envelope.
 * Any finding is critical: money was created or lost.
 */
public record ReconcileFinding(SetId set, EnvelopeId envelopeId, String rule) {
}

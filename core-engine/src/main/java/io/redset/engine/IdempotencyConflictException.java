package io.redset.engine;

/** A send repeated a requestId of the same sender with different parameters. */
public final class IdempotencyConflictException extends RedSetException {
    private final EnvelopeId firstEnvelope;

    public IdempotencyConflictException(EnvelopeId firstEnvelope) {
        super("requestId was already used by this sender for envelope " + firstEnvelope + " with other parameters");
        this.firstEnvelope = firstEnvelope;
    }

    public EnvelopeId firstEnvelope() {
        return firstEnvelope;
    }
}

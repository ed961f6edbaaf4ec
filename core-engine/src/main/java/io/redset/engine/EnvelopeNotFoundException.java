package io.redset.engine;

public final class EnvelopeNotFoundException extends RedSetException {
    private final EnvelopeId envelopeId;

    public EnvelopeNotFoundException(EnvelopeId envelopeId) {
        super("no envelope " + envelopeId);
        this.envelopeId = envelopeId;
    }

    public EnvelopeId envelopeId() {
        return envelopeId;
    }
}

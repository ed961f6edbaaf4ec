package io.redset.engine;

public enum EnvelopeStatus {
    ACTIVE, SOLD_OUT, EXPIRED
}

package io.redset.engine;

import java.time.Instant;

/** @param replayed true when a repeated requestId returned the envelope of the first send */
public record SendReceipt(EnvelopeId envelopeId, SetId set, long totalFen, int count, SplitMode mode,
                          Instant expiresAt, boolean replayed) {
}

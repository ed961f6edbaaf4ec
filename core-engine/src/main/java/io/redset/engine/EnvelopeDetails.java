package io.redset.engine;

import java.time.Instant;
import java.util.List;

/**
 * Everything about one envelope: totals, what is left, its claims in order, the luckiest.
 *
 * @param probe true for an envelope of RedSet's own canary (never shown to outside callers)
 */
public record EnvelopeDetails(EnvelopeId envelopeId, SetId set, String senderId, SplitMode mode,
                              String greeting, long totalFen, int count, long remainingFen,
                              int remainingCount, long refundedFen, EnvelopeStatus status,
                              Instant createdAt, Instant expiresAt, List<ClaimLine> claims,
                              String luckiestUserId, boolean archived, boolean probe) {

    public record ClaimLine(String userId, long amountFen, int seq, Instant claimedAt) {
    }
}

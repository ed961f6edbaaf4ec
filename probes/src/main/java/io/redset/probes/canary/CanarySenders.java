package io.redset.probes.canary;

import io.redset.engine.ClaimEngine;
import io.redset.engine.SetId;

/**
 * The canary's sender id for a SET: one whose home SET ({@link ClaimEngine#homeSetOf}) is that SET,
 * so the canary envelope lands there. The canary still checks the SET of every receipt: while its
 * SET takes no sends, the engine routes the send elsewhere, and that is a canary failure.
 */
final class CanarySenders {

    static final String PREFIX = "redset-canary-";

    private CanarySenders() {
    }

    static String senderFor(SetId set, ClaimEngine engine) {
        for (int i = 0; i < 100_000; i++) {
            String candidate = PREFIX + set.tag() + "-" + i;
            if (engine.homeSetOf(candidate).equals(set)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no canary sender id hashes to SET " + set);
    }
}

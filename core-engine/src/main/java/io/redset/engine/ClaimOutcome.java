package io.redset.engine;

/** What a claim (or a grab) found. Rejections are exceptions, not outcomes. */
public enum ClaimOutcome {
    CLAIMED, ALREADY_CLAIMED, SOLD_OUT, EXPIRED
}

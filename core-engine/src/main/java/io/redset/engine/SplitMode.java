package io.redset.engine;

/** How an envelope's total is divided among its shares. */
public enum SplitMode {
    /** Random shares by the double-mean method; the last claimant takes the rest. */
    LUCKY,
    /** Every share is total / count; the total must divide evenly. */
    EQUAL
}

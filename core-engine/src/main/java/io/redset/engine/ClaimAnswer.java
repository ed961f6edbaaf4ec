package io.redset.engine;

/**
 * The result of a claim. amountFen and seq are set for CLAIMED and ALREADY_CLAIMED (the first
 * claim's amount and position), null otherwise.
 */
public record ClaimAnswer(ClaimOutcome outcome, Long amountFen, Integer seq) {

    public static ClaimAnswer claimed(long amountFen, int seq) {
        return new ClaimAnswer(ClaimOutcome.CLAIMED, amountFen, seq);
    }

    public static ClaimAnswer alreadyClaimed(long amountFen, int seq) {
        return new ClaimAnswer(ClaimOutcome.ALREADY_CLAIMED, amountFen, seq);
    }

    public static ClaimAnswer of(ClaimOutcome outcome) {
        return new ClaimAnswer(outcome, null, null);
    }

    /** The same claim seen by a repeat of it. */
    public ClaimAnswer asRepeat() {
        return outcome == ClaimOutcome.CLAIMED ? alreadyClaimed(amountFen, seq) : this;
    }
}

package io.redset.engine.internal;

import io.redset.engine.SplitMode;

import java.util.random.RandomGenerator;

/**
 * Draws the next share of an envelope from what is left. Shares of one envelope are drawn one at a
 * time, in claim order, by the lane that owns the envelope.
 * <ul>
 *   <li>EQUAL: remainingFen / remainingCount (exact, because total divides by count).</li>
 *   <li>LUCKY, double mean: uniform in [1, 2 * remainingFen / remainingCount - 1], the last claimant
 *       takes the rest. Every share stays >= 1 fen because the draw never takes more than
 *       remainingFen - (remainingCount - 1).</li>
 * </ul>
 *
 * <p>Why this design, and what else was weighed: {@code docs/decisions/0008-money-in-fen.md}.
 */
public final class ShareSplitter {

    private ShareSplitter() {
    }

    public static long nextShare(SplitMode mode, long remainingFen, int remainingCount, RandomGenerator random) {
        if (remainingCount < 1 || remainingFen < remainingCount) {
            throw new IllegalStateException("cannot split " + remainingFen + " fen into " + remainingCount + " shares");
        }
        if (remainingCount == 1) {
            return remainingFen;
        }
        if (mode == SplitMode.EQUAL) {
            return remainingFen / remainingCount;
        }
        long max = 2 * remainingFen / remainingCount - 1;       // the double mean, minus one
        max = Math.min(max, remainingFen - (remainingCount - 1)); // leave >= 1 fen for each later share
        if (max <= 1) {
            return 1;
        }
        return 1 + random.nextLong(max);                          // uniform in [1, max]
    }
}

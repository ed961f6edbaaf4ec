package io.redset.engine;

/**
 * Arithmetic on amounts of money, which are {@code long} counts of fen (1 fen = 0.01 CNY)
 * everywhere in RedSet: every sum and difference is checked, so an overflow is an error and
 * never a wrong amount, and no amount goes below zero.
 *
 * <p>Why not a {@code Fen} record: the lane draws and subtracts a share for every claim, and every
 * {@link ClaimAnswer}, envelope state and batch row carries amounts; an object per amount would
 * allocate on the hottest path (JDK 25 has no value classes), and the type would end at JDBC and
 * JSON anyway, where amounts are {@code bigint} and whole numbers. Amounts are told apart by name
 * instead (every field and parameter that holds money ends in {@code Fen}), and the database checks
 * every money rule again ({@code docs/decisions/0008-money-in-fen.md}).
 *
 * <p>Pure functions: thread-safe.
 */
public final class Fen {

    private Fen() {
    }

    /** {@code a + b}; {@link ArithmeticException} on overflow. */
    public static long plus(long aFen, long bFen) {
        return Math.addExact(aFen, bFen);
    }

    /** {@code a - b}; {@link ArithmeticException} on overflow or when the result would be negative. */
    public static long minus(long aFen, long bFen) {
        long r = Math.subtractExact(aFen, bFen);
        if (r < 0) {
            throw new ArithmeticException("amount would be negative: " + aFen + " - " + bFen + " fen");
        }
        return r;
    }
}

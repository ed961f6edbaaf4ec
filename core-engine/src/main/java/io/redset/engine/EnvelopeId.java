package io.redset.engine;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * An envelope id tells its day and its SET without any lookup:
 * {@code yyMMdd} + two-digit SET + ten-digit per-SET sequence, as one decimal long of 18 digits,
 * e.g. {@code 261121030000000042} = 2026-11-21, SET 03, sequence 42.
 *
 * <p>Why this design, and what else was weighed: {@code docs/decisions/0003-ids-carry-set-and-day.md}.
 */
public record EnvelopeId(long value) {

    public static final int DIGITS = 18;
    private static final long SEQ_SPAN = 10_000_000_000L;
    private static final long SET_SPAN = 100L;
    public static final long MAX_SEQUENCE = SEQ_SPAN - 1;

    public EnvelopeId {
        if (value < 100_101L * SET_SPAN * SEQ_SPAN || value > 991_231L * SET_SPAN * SEQ_SPAN + 99 * SEQ_SPAN + MAX_SEQUENCE) {
            throw new IllegalArgumentException("envelope id out of range: " + value);
        }
        decodeDay(value); // throws on impossible dates such as 261131
    }

    public static EnvelopeId of(LocalDate day, SetId set, long sequence) {
        if (day.getYear() < 2010 || day.getYear() > 2099) {
            throw new IllegalArgumentException("envelope day must be in 2010..2099: " + day);
        }
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence out of range: " + sequence);
        }
        long yymmdd = (day.getYear() % 100) * 10_000L + day.getMonthValue() * 100L + day.getDayOfMonth();
        return new EnvelopeId((yymmdd * SET_SPAN + set.index()) * SEQ_SPAN + sequence);
    }

    /**
     * Parses the decimal text form. Anything that is not exactly 18 digits naming a real date
     * is refused with an {@link InvalidInputException} on the given field.
     */
    public static EnvelopeId parse(String text, String field) {
        if (text == null || text.length() != DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInputException(field, "must be an envelope id of " + DIGITS + " digits");
        }
        try {
            return new EnvelopeId(Long.parseLong(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "does not name a real day: " + text);
        }
    }

    public LocalDate day() {
        return decodeDay(value);
    }

    public int dayOfMonth() {
        return (int) ((value / (SET_SPAN * SEQ_SPAN)) % 100);
    }

    public SetId set() {
        return SetId.of((int) ((value / SEQ_SPAN) % SET_SPAN));
    }

    public long sequence() {
        return value % SEQ_SPAN;
    }

    private static LocalDate decodeDay(long value) {
        long yymmdd = value / (SET_SPAN * SEQ_SPAN);
        int yy = (int) (yymmdd / 10_000);
        int mm = (int) (yymmdd / 100 % 100);
        int dd = (int) (yymmdd % 100);
        try {
            return LocalDate.of(2000 + yy, mm, dd);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("envelope id names no real day: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}

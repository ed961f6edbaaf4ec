package io.redset.engine;

/**
 * A SET: one database, one pool, one set of guards and lanes. SETs share nothing.
 * Printed with two digits ("03") everywhere: in ids, metric tags, logs and the API.
 */
public record SetId(int index) implements Comparable<SetId> {

    public static final int MAX_SETS = 100;

    public SetId {
        if (index < 0 || index >= MAX_SETS) {
            throw new IllegalArgumentException("SET index must be 0.." + (MAX_SETS - 1) + ", was " + index);
        }
    }

    public static SetId of(int index) {
        return new SetId(index);
    }

    /** Parses "3" or "03". */
    public static SetId parse(String text) {
        try {
            return new SetId(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a SET number: " + text);
        }
    }

    public String tag() {
        return String.format("%02d", index);
    }

    @Override
    public int compareTo(SetId other) {
        return Integer.compare(index, other.index);
    }

    @Override
    public String toString() {
        return tag();
    }
}

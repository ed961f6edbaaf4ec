package io.redset.probes;

import io.redset.engine.SetId;

import java.util.regex.Pattern;

/**
 * The stable key of a component on the status page and in the control database: {@code set-03}
 * for a SET, {@code http-<name>} for an HTTP probe target. Lower case letters, digits, dashes and
 * underscores, at most 64 characters.
 */
public record ComponentId(String value) implements Comparable<ComponentId> {

    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0," + (MAX_LENGTH - 1) + "}");

    public ComponentId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("component id must be 1.." + MAX_LENGTH
                    + " characters of a-z, 0-9, '-' and '_', starting with a letter or digit, was " + value);
        }
    }

    public static ComponentId of(String value) {
        return new ComponentId(value);
    }

    /** The component of a SET: {@code set-03}. */
    public static ComponentId ofSet(SetId set) {
        return new ComponentId("set-" + set.tag());
    }

    /** The component of an HTTP probe target: {@code http-<name>}. */
    public static ComponentId ofHttp(String name) {
        return new ComponentId("http-" + name);
    }

    @Override
    public int compareTo(ComponentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

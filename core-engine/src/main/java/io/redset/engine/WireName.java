package io.redset.engine;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An enum whose constants have a name on the wire (JSON, the database, the pages), such as
 * {@code major_outage} or {@code in_progress}, and the one way to look a constant up by it. Every
 * module's wire enums implement it, so a bad value is refused the same way everywhere: an
 * {@link IllegalArgumentException} that says what was expected and repeats the value only as
 * {@link ClientText#printable}.
 */
public interface WireName {

    String wireName();

    /** The constant of {@code type} whose wire name is {@code name}; empty for anything else, null included. */
    static <E extends Enum<E> & WireName> Optional<E> find(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.wireName().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The constant of {@code type} whose wire name is {@code name}.
     *
     * @param what how the message calls the value, e.g. {@code "component status"}
     * @throws IllegalArgumentException "unknown component status: x (one of operational, ...)"
     */
    static <E extends Enum<E> & WireName> E of(Class<E> type, String what, String name) {
        return find(type, name).orElseThrow(() -> new IllegalArgumentException(
                "unknown " + what + ": " + ClientText.printable(name) + " (one of " + list(type) + ")"));
    }

    /** Every wire name of {@code type} in declaration order, comma-separated: {@code none, minor, major}. */
    static <E extends Enum<E> & WireName> String list(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireName::wireName).collect(Collectors.joining(", "));
    }
}

package io.redset.probes;

import io.redset.engine.SetId;

import java.util.Objects;

/**
 * Something the status page shows with a status: one per SET (group "Red envelope claims" by
 * default) and one per HTTP probe target.
 *
 * @param set the SET this component stands for, or null for an HTTP target
 */
public record Component(ComponentId id, String name, String description, String group, SetId set) {

    public Component {
        Objects.requireNonNull(id, "id");
        requireText("name", name, 100);
        requireText("group", group, 100);
        description = description == null ? "" : description;
        if (description.length() > 500) {
            throw new IllegalArgumentException("description of component " + id + " must be at most 500 characters");
        }
    }

    private static void requireText(String what, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(what + " must be 1.." + max + " characters, was " + value);
        }
    }

    public boolean isSet() {
        return set != null;
    }
}

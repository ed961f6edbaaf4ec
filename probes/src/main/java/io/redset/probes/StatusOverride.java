package io.redset.probes;

import java.time.Instant;
import java.util.Objects;

/**
 * An admin's statement of a component's status, which wins over everything the probes, the mode and
 * maintenance say until it expires or is cleared.
 */
public record StatusOverride(ComponentId component, ComponentStatus status, String reason, String actor,
                             Instant setAt, Instant expiresAt) {

    public static final int MAX_REASON = 200;
    public static final int MAX_ACTOR = 64;

    public StatusOverride {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(setAt, "setAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("override reason must be 1.." + MAX_REASON + " characters");
        }
        if (actor == null || actor.isBlank() || actor.length() > MAX_ACTOR) {
            throw new IllegalArgumentException("override actor must be 1.." + MAX_ACTOR + " characters");
        }
        if (!expiresAt.isAfter(setAt)) {
            throw new IllegalArgumentException("override must expire after it is set (" + setAt + "), was " + expiresAt);
        }
    }

    public boolean activeAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}

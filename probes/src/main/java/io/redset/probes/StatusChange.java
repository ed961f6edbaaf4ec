package io.redset.probes;

import java.time.Instant;
import java.util.Objects;

/**
 * A component's status changed, and why: the probe and its evidence ("db: 3 consecutive failures:
 * ..."), the SET's mode, a maintenance window, or an admin override. The status page and the alerts
 * show the cause as it is.
 *
 * @param from null for the first status of a component ever recorded
 */
public record StatusChange(ComponentId component, ComponentStatus from, ComponentStatus to, Instant at, String cause) {

    public static final int MAX_CAUSE = 500;

    public StatusChange {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        cause = cause == null ? "" : cause.length() > MAX_CAUSE ? cause.substring(0, MAX_CAUSE - 3) + "..." : cause;
    }
}

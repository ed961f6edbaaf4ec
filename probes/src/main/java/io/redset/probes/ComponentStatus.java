package io.redset.probes;

import io.redset.engine.WireName;

/**
 * The status of a component, with the names of the Statuspage API. Severity orders them from best
 * to worst for "worst status of the day"; maintenance ranks above operational and below the
 * degraded states.
 */
public enum ComponentStatus implements WireName {
    OPERATIONAL("operational", 0),
    UNDER_MAINTENANCE("under_maintenance", 1),
    DEGRADED_PERFORMANCE("degraded_performance", 2),
    PARTIAL_OUTAGE("partial_outage", 3),
    MAJOR_OUTAGE("major_outage", 4);

    private final String wireName;
    private final int severity;

    ComponentStatus(String wireName, int severity) {
        this.wireName = wireName;
        this.severity = severity;
    }

    /** The name in JSON, the database and the status page: {@code major_outage}. */
    @Override
    public String wireName() {
        return wireName;
    }

    public int severity() {
        return severity;
    }

    public boolean isWorseThan(ComponentStatus other) {
        return severity > other.severity;
    }

    public static ComponentStatus worst(ComponentStatus a, ComponentStatus b) {
        return b.isWorseThan(a) ? b : a;
    }

    public static ComponentStatus ofWireName(String name) {
        return WireName.of(ComponentStatus.class, "component status", name);
    }
}

package io.redset.alerts;

import io.redset.engine.WireName;

/** The states of an alert, as in Prometheus: a new alert is pending until its {@code for} has passed. */
public enum AlertState implements WireName {
    /** The condition does not hold (an alert that went pending and never fired ends here). */
    INACTIVE("inactive"),
    /** The condition holds, for less than the rule's {@code for}. */
    PENDING("pending"),
    /** The condition has held for {@code for}, or stopped less than {@code keep_firing_for} ago. */
    FIRING("firing"),
    /** It fired and is over; firing again opens a new alert. */
    RESOLVED("resolved");

    private final String wireName;

    AlertState(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static AlertState ofWireName(String name) {
        return WireName.of(AlertState.class, "alert state", name);
    }
}

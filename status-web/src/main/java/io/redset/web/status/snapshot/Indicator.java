package io.redset.web.status.snapshot;

import io.redset.engine.WireName;

import java.util.Locale;

/**
 * The page's overall status, {@code status.indicator} with its description in the Statuspage v2
 * API: none, minor, major, critical, and maintenance (what Statuspage sends while maintenance is in
 * progress and nothing is broken).
 */
public enum Indicator implements WireName {
    NONE("All Systems Operational"),
    MINOR("Minor Service Outage"),
    MAJOR("Partial System Outage"),
    CRITICAL("Major Service Outage"),
    MAINTENANCE("Service Under Maintenance");

    private final String description;

    Indicator(String description) {
        this.description = description;
    }

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }
}

package io.redset.web.status.snapshot;

import io.redset.engine.WireName;

/** The impact of an incident, by its Statuspage v2 name; maintenances have {@link #MAINTENANCE}. */
public enum Impact implements WireName {
    NONE("none", 0),
    MINOR("minor", 1),
    MAJOR("major", 2),
    CRITICAL("critical", 3),
    MAINTENANCE("maintenance", 0);

    private final String wireName;
    private final int rank;

    Impact(String wireName, int rank) {
        this.wireName = wireName;
        this.rank = rank;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Order of severity among none < minor < major < critical (maintenance ranks as none). */
    public int rank() {
        return rank;
    }

    public static Impact ofWireName(String name) {
        return WireName.of(Impact.class, "impact", name);
    }
}

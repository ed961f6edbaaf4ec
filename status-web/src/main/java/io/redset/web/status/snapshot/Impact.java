package io.redset.web.status.snapshot;

/** The impact of an incident, by its Statuspage v2 name; maintenances have {@link #MAINTENANCE}. */
public enum Impact {
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

    public String wireName() {
        return wireName;
    }

    /** Order of severity among none < minor < major < critical (maintenance ranks as none). */
    public int rank() {
        return rank;
    }

    public static Impact ofWireName(String name) {
        for (Impact i : values()) {
            if (i.wireName.equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown impact: " + name);
    }
}

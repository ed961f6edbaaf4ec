package io.redset.web.status.snapshot;

import io.redset.engine.WireName;

/**
 * The status of an incident ({@code investigating} .. {@code postmortem}) or of a scheduled
 * maintenance ({@code scheduled} .. {@code completed}), by their Statuspage v2 names.
 */
public enum IncidentStatus implements WireName {
    INVESTIGATING("investigating", false),
    IDENTIFIED("identified", false),
    MONITORING("monitoring", false),
    RESOLVED("resolved", false),
    POSTMORTEM("postmortem", false),
    SCHEDULED("scheduled", true),
    IN_PROGRESS("in_progress", true),
    VERIFYING("verifying", true),
    COMPLETED("completed", true);

    private final String wireName;
    private final boolean maintenance;

    IncidentStatus(String wireName, boolean maintenance) {
        this.wireName = wireName;
        this.maintenance = maintenance;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** A status of a scheduled maintenance rather than of an incident. */
    public boolean isMaintenance() {
        return maintenance;
    }

    /** Investigating, identified or monitoring: the incident is still open. */
    public boolean isUnresolved() {
        return this == INVESTIGATING || this == IDENTIFIED || this == MONITORING;
    }

    /** Resolved, postmortem or completed. */
    public boolean isClosed() {
        return this == RESOLVED || this == POSTMORTEM || this == COMPLETED;
    }

    /** In progress or verifying: the maintenance is happening now. */
    public boolean isActiveMaintenance() {
        return this == IN_PROGRESS || this == VERIFYING;
    }

    public static IncidentStatus ofWireName(String name) {
        return WireName.of(IncidentStatus.class, "incident status", name);
    }
}

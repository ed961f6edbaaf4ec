package io.redset.web.status;

import java.time.Instant;
import java.util.List;

/**
 * An incident or a scheduled maintenance ({@link #isMaintenance()}: it has {@code scheduledFor} and
 * {@code scheduledUntil}) with its timeline, newest update first as in the Statuspage API.
 *
 * @param componentIds    the components it concerns
 * @param autoTransitions a maintenance moves scheduled -> in_progress -> verifying -> completed by itself
 * @param postmortem      text published after the incident, or null
 */
public record Incident(String id, boolean isMaintenance, String name, IncidentStatus status, Impact impact,
                       Instant createdAt, Instant updatedAt, Instant startedAt, Instant monitoringAt, Instant resolvedAt,
                       Instant scheduledFor, Instant scheduledUntil, boolean autoTransitions, String postmortem,
                       List<String> componentIds, List<IncidentUpdate> updates) {

    public Incident {
        componentIds = List.copyOf(componentIds);
        updates = List.copyOf(updates);
    }

    /** The newest update, or null. */
    public IncidentUpdate latestUpdate() {
        return updates.isEmpty() ? null : updates.getFirst();
    }
}

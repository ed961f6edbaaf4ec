package io.redset.web.status.snapshot;

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

    /**
     * The incident as it was right after the update: its status, the timeline up to it, and the
     * times that had passed by then. A notice handed over late (after a crash or an outbox failure)
     * tells what happened at its update, not the news of later ones.
     */
    public Incident asOf(IncidentUpdate update) {
        int at = updates.indexOf(update);
        if (at < 0) {
            return this;
        }
        List<IncidentUpdate> upTo = updates.subList(at, updates.size());
        boolean monitored = upTo.stream().anyMatch(u -> u.status() == IncidentStatus.MONITORING);
        boolean closed = update.status().isClosed();
        return new Incident(id, isMaintenance, name, update.status(), impact, createdAt, update.createdAt(), startedAt,
                monitored ? monitoringAt : null, closed ? resolvedAt : null, scheduledFor, scheduledUntil, autoTransitions,
                closed ? postmortem : null, componentIds, upTo);
    }

    /** The newest update, or null. */
    public IncidentUpdate latestUpdate() {
        return updates.isEmpty() ? null : updates.getFirst();
    }
}

package io.redset.web.status.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * One entry of an incident's timeline.
 *
 * @param affected components whose status this update set, empty when none
 */
public record IncidentUpdate(String id, String incidentId, IncidentStatus status, String body, Instant createdAt,
                             Instant displayAt, boolean deliverNotifications, List<AffectedComponent> affected) {

    public IncidentUpdate {
        affected = List.copyOf(affected);
    }
}

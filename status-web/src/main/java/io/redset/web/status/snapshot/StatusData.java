package io.redset.web.status.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * What the control database holds for the page, read in one go.
 *
 * @param incidents incidents and maintenances, newest first: every open one plus the most recent closed ones
 * @param readAt    when it was read
 */
public record StatusData(PageSettings page, List<StoredComponent> components, List<Incident> incidents, Instant readAt) {

    public StatusData {
        components = List.copyOf(components);
        incidents = List.copyOf(incidents);
    }
}

package io.redset.web.status;

import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentUpdate;

/**
 * Something subscribers hear about: an incident or maintenance was created or got an update
 * (also the automatic transitions of a maintenance).
 */
public record StatusEvent(Incident incident, IncidentUpdate update, boolean created) {
}

package io.redset.web.status;

/**
 * Something subscribers hear about: an incident or maintenance was created or got an update
 * (also the automatic transitions of a maintenance).
 */
public record StatusEvent(Incident incident, IncidentUpdate update, boolean created) {
}

package io.redset.web.status.snapshot;

import io.redset.probes.ComponentStatus;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A component row of schema {@code status}: a manual component (its status is set by admins and
 * incident updates) or the page's settings of a probe component (position, showcase; its status
 * comes from the probes).
 */
public record StoredComponent(String id, boolean manual, String name, String description, String group,
                              ComponentStatus status, int position, boolean showcase, boolean onlyShowIfDegraded,
                              LocalDate startDate, Instant createdAt, Instant updatedAt) {
}

package io.redset.web.status.snapshot;

import io.redset.probes.ComponentStatus;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A component as the page shows it, with its effective status (see {@link StatusRules}).
 *
 * @param groupId null when it is in no group
 * @param live    its status comes from the probes (a SET or an HTTP target), not from admins
 * @param isSet   it stands for a SET (it gets a response-time sparkline)
 */
public record PageComponent(String id, String name, String description, String groupId, ComponentStatus status,
                            int position, boolean showcase, boolean onlyShowIfDegraded, LocalDate startDate,
                            Instant createdAt, Instant updatedAt, boolean live, boolean isSet) {
}

package io.redset.web.status.snapshot;

import io.redset.probes.ComponentStatus;

/** A component an incident update changed: {@code affected_components[]} of the Statuspage API. */
public record AffectedComponent(String code, String name, ComponentStatus oldStatus, ComponentStatus newStatus) {
}

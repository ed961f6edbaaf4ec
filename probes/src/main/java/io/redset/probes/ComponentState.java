package io.redset.probes;

import io.redset.engine.SetMode;

import java.time.Instant;
import java.util.List;

/**
 * A component's current status and everything behind it.
 *
 * @param since    when it took this status
 * @param cause    why it has this status now
 * @param override the admin override in force, or null
 * @param mode     the SET's degradation mode, null for other components
 */
public record ComponentState(Component component, ComponentStatus status, Instant since, String cause,
                             StatusOverride override, SetMode mode, List<ProbeState> probes) {

    public ComponentState {
        probes = List.copyOf(probes);
    }

    public ComponentId id() {
        return component.id();
    }
}

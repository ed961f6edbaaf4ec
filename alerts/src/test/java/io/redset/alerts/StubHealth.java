package io.redset.alerts;

import io.redset.probes.ComponentHealth;
import io.redset.probes.ComponentId;
import io.redset.probes.ComponentState;
import io.redset.probes.ComponentStatus;
import io.redset.probes.DailyRollup;
import io.redset.probes.StatusChange;
import io.redset.probes.StatusOverride;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Component health whose states the test sets. */
final class StubHealth implements ComponentHealth {

    volatile List<ComponentState> states = List.of();

    @Override
    public List<ComponentState> components() {
        return states;
    }

    @Override
    public Optional<ComponentState> component(ComponentId id) {
        return states.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    @Override
    public List<StatusChange> changesSince(Instant since) {
        return List.of();
    }

    @Override
    public List<StatusChange> changesSince(ComponentId component, Instant since) {
        return List.of();
    }

    @Override
    public List<DailyRollup> rollups(LocalDate from, LocalDate to) {
        return List.of();
    }

    @Override
    public List<DailyRollup> rollups(ComponentId component, LocalDate from, LocalDate to) {
        return List.of();
    }

    @Override
    public StatusOverride override(ComponentId component, ComponentStatus status, String reason, String actor, Instant expiresAt) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void clearOverride(ComponentId component, String actor) {
    }

    @Override
    public void addListener(Consumer<StatusChange> listener) {
    }
}

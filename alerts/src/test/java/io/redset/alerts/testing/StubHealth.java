package io.redset.alerts.testing;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Component health whose states and status changes the test sets. */
public final class StubHealth implements ComponentHealth {

    public volatile List<ComponentState> states = List.of();
    /** The changes {@link #changesSince} reads: those after the given time. */
    public final List<StatusChange> changes = new CopyOnWriteArrayList<>();

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
        return changes.stream().filter(c -> c.at().isAfter(since)).toList();
    }

    @Override
    public List<StatusChange> changesSince(ComponentId component, Instant since) {
        return changesSince(since).stream().filter(c -> c.component().equals(component)).toList();
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

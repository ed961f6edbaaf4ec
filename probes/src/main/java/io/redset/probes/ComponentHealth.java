package io.redset.probes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the status page and the alerts read: every component's current status (from memory, so it
 * answers while the control database does not), the recorded status changes with their causes, and
 * the daily rollups. Also where admins override a status. Thread-safe.
 */
public interface ComponentHealth {

    /** Every component, in a stable order: SETs first, then HTTP targets, each by id. */
    List<ComponentState> components();

    Optional<ComponentState> component(ComponentId id);

    /** Status changes of all components after {@code since} (exclusive), oldest first. */
    List<StatusChange> changesSince(Instant since);

    /** Status changes of one component after {@code since} (exclusive), oldest first. */
    List<StatusChange> changesSince(ComponentId component, Instant since);

    /** Daily rollups of every component for the days from..to (inclusive), by component then day. */
    List<DailyRollup> rollups(LocalDate from, LocalDate to);

    /** Daily rollups of one component for the days from..to (inclusive), by day. */
    List<DailyRollup> rollups(ComponentId component, LocalDate from, LocalDate to);

    /**
     * Sets an admin override: the component shows {@code status} until {@code expiresAt} or until
     * cleared. Saved in the control database before it takes effect; replaces an earlier override.
     */
    StatusOverride override(ComponentId component, ComponentStatus status, String reason, String actor, Instant expiresAt);

    /** Ends the override of a component now, if it has one. */
    void clearOverride(ComponentId component, String actor);

    /** Called after each status change, outside any lock, on the thread that caused it. */
    void addListener(Consumer<StatusChange> listener);
}

package io.redset.web.status;

import io.redset.web.status.snapshot.Impact;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentStatus;
import io.redset.web.status.snapshot.IncidentUpdate;
import io.redset.web.status.snapshot.StatusData;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The clock of maintenance windows with automatic transitions: scheduled -> in progress at
 * {@code scheduledFor}, -> verifying at {@code scheduledUntil}, -> completed a verifying period
 * later. Each step is written with a conditional update of the incident's status, so with several
 * nodes the one that moves a window first writes its notices and the others write nothing.
 *
 * <p>Concurrency: called from {@link StatusService#refresh()}, which is synchronized; holds no state
 * of its own.
 */
final class MaintenanceClock {

    private final StatusStore store;
    private final Duration verifyingPeriod;

    MaintenanceClock(StatusStore store, Duration verifyingPeriod) {
        this.store = store;
        this.verifyingPeriod = verifyingPeriod;
    }

    /**
     * Moves each maintenance with automatic transitions on as far as {@code now} allows, writing one
     * update (a notice to subscribers) per step; returns the events of the steps this node wrote.
     */
    List<StatusEvent> advance(StatusData read, Instant now) {
        List<StatusEvent> events = new ArrayList<>();
        for (Incident m : read.incidents()) {
            if (!m.isMaintenance() || !m.autoTransitions() || m.status().isClosed()) {
                continue;
            }
            Incident current = m;
            List<IncidentUpdate> notices = new ArrayList<>();
            while (true) {
                IncidentStatus next = null;
                Instant at = null;
                String body = null;
                if (current.status() == IncidentStatus.SCHEDULED && !now.isBefore(current.scheduledFor())) {
                    next = IncidentStatus.IN_PROGRESS;
                    at = current.scheduledFor();
                    body = "Scheduled maintenance is currently in progress. We will provide updates as necessary.";
                } else if (current.status() == IncidentStatus.IN_PROGRESS && !now.isBefore(current.scheduledUntil())) {
                    next = IncidentStatus.VERIFYING;
                    at = current.scheduledUntil();
                    body = "The maintenance work is done; we are verifying that everything works as expected.";
                } else if (current.status() == IncidentStatus.VERIFYING
                        && !now.isBefore(current.scheduledUntil().plus(verifyingPeriod))) {
                    next = IncidentStatus.COMPLETED;
                    at = current.scheduledUntil().plus(verifyingPeriod);
                    body = "The scheduled maintenance has been completed.";
                }
                if (next == null) {
                    break;
                }
                current = StatusService.withStatus(current, next, Impact.MAINTENANCE, now);
                if (next == IncidentStatus.COMPLETED) {
                    current = new Incident(current.id(), true, current.name(), next, Impact.MAINTENANCE,
                            current.createdAt(), now, current.startedAt(), null, at, current.scheduledFor(),
                            current.scheduledUntil(), true, null, current.componentIds(), current.updates());
                }
                notices.add(new IncidentUpdate(StatusInput.newId(), m.id(), next, body, now, at, true, List.of()));
            }
            if (!notices.isEmpty()) {
                Incident changed = current;
                boolean won = store.inTransaction(() -> {
                    if (!store.updateIncidentIf(changed, m.status())) {
                        return false; // another node moved it on first and wrote the notices
                    }
                    notices.forEach(store::insertUpdate);
                    return true;
                });
                if (won) {
                    for (IncidentUpdate notice : notices) {
                        events.add(new StatusEvent(changed, notice, false));
                    }
                }
            }
        }
        return events;
    }
}

package io.redset.web.subscriptions;

import io.redset.probes.ComponentHealth;
import io.redset.probes.StatusChange;
import io.redset.web.status.StatusEvent;
import io.redset.web.status.StatusService;
import io.redset.web.status.render.StatuspageJson;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentUpdate;
import io.redset.web.status.snapshot.PageComponent;
import io.redset.web.status.snapshot.StatusSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Hands subscriber notices over to the delivery (the alerts outbox), once each:
 * <ul>
 *   <li>an incident or maintenance update that wants notices goes to every confirmed subscriber
 *       following one of its components, when it is written ({@link #onStatusEvent}) and, if that
 *       failed or the node stopped, by {@link #sweep()}: the update is marked {@code notified_at}
 *       only after its notices were stored; updates older than {@link #SWEEP_WINDOW} are not sent
 *       any more (the news would be stale);</li>
 *   <li>every status change the probes make goes to the webhook subscribers following the
 *       component ({@link #componentChanges()}), after a durable cursor that advances only after
 *       the notices are stored.</li>
 * </ul>
 * A notice's dedup key (subscriber + update, or subscriber + component + time of the change)
 * makes handing it over twice harmless, on one node or several.
 *
 * <p>Concurrency: called from the status service's listener (the thread of the admin change), the
 * sweeper thread and tests; {@link #componentChanges()} is synchronized so the cursor is read and
 * advanced by one caller at a time on this node. Everything else is stateless here.
 */
final class NoticeHandOver {

    /** Older unmarked updates are not sent any more. */
    static final Duration SWEEP_WINDOW = Duration.ofHours(6);
    private static final Logger log = LoggerFactory.getLogger(NoticeHandOver.class);

    private final SubscriberStore store;
    private final StatusService status;
    private final SubscriptionDelivery delivery;
    private final Clock clock;
    private final ComponentHealth health;

    NoticeHandOver(SubscriberStore store, StatusService status, SubscriptionDelivery delivery, Clock clock,
                   ComponentHealth health) {
        this.store = store;
        this.status = status;
        this.delivery = delivery;
        this.clock = clock;
        this.health = health;
    }

    void onStatusEvent(StatusEvent event) {
        if (!event.update().deliverNotifications()) {
            return;
        }
        try {
            update(event.incident(), event.update());
        } catch (RuntimeException e) {
            log.warn("Notices of update {} not handed over yet (the sweep tries again): {}", event.update().id(), e.toString());
        }
    }

    /** The unmarked updates of the last {@link #SWEEP_WINDOW}; returns how many were handed over. */
    int sweep() {
        List<SubscriberStore.DueUpdate> due = store.dueUpdates(clock.instant().minus(SWEEP_WINDOW));
        if (due.isEmpty()) {
            return 0;
        }
        StatusSnapshot s = status.refresh();
        int handed = 0;
        for (SubscriberStore.DueUpdate d : due) {
            Incident incident = s.incident(d.incidentId()).orElse(null);
            IncidentUpdate update = incident == null ? null
                    : incident.updates().stream().filter(u -> u.id().equals(d.updateId())).findFirst().orElse(null);
            if (update == null) {
                log.warn("Update {} of incident {} is not in the snapshot; its notices are not sent", d.updateId(), d.incidentId());
                continue;
            }
            try {
                update(incident, update);
                handed++;
            } catch (RuntimeException e) {
                log.warn("Notices of update {} not handed over yet: {}", update.id(), e.toString());
            }
        }
        return handed;
    }

    void componentChangesQuietly() {
        try {
            componentChanges();
        } catch (RuntimeException e) {
            log.warn("Component notices not handed over yet (the sweep tries again): {}", e.toString());
        }
    }

    /**
     * Statuspage's {@code component_update} webhooks for every change since the cursor (e-mail
     * subscribers get incident and maintenance updates only); returns how many changes were handed over.
     */
    synchronized int componentChanges() {
        if (health == null) {
            return 0;
        }
        Instant now = clock.instant();
        Instant cursor = store.componentCursor().orElse(null);
        if (cursor == null) {
            // first start: changes from before are history, not news
            store.startComponentCursor(now);
            return 0;
        }
        List<StatusChange> changes = health.changesSince(cursor).stream()
                .filter(c -> !c.at().isAfter(now)).sorted(Comparator.comparing(StatusChange::at)).toList();
        if (changes.isEmpty()) {
            return 0;
        }
        StatusSnapshot s = status.snapshot();
        StatuspageJson wire = new StatuspageJson(s);
        List<SubscriberStore.Subscriber> hooks = store.confirmed().stream()
                .filter(r -> r.channel() == SubscriptionDelivery.Channel.WEBHOOK).toList();
        List<SubscriptionDelivery.Notice> notices = new ArrayList<>();
        for (StatusChange change : changes) {
            String id = change.component().value();
            PageComponent component = s.component(id).orElse(null);
            if (component == null) {
                continue;
            }
            for (SubscriberStore.Subscriber r : hooks) {
                if (r.follows(id)) {
                    notices.add(SubscriberMessages.componentChange(s, wire, r, component, change, now));
                }
            }
        }
        if (!notices.isEmpty() && delivery.offers(SubscriptionDelivery.Channel.WEBHOOK)) {
            delivery.deliver(notices);
        }
        store.advanceComponentCursor(changes.getLast().at());
        return changes.size();
    }

    /** Stores the update's notices for every confirmed, matching subscriber, then marks it handed over. */
    private void update(Incident i, IncidentUpdate update) {
        List<SubscriberStore.Subscriber> subscribers = store.confirmed();
        StatusSnapshot s = status.snapshot();
        JsonNode incidentJson = SubscriberMessages.incidentJson(s, i, update);
        Instant now = clock.instant();
        List<SubscriptionDelivery.Notice> notices = new ArrayList<>();
        for (SubscriberStore.Subscriber r : subscribers) {
            if (delivery.offers(r.channel()) && r.followsAny(i.componentIds())) {
                notices.add(SubscriberMessages.update(s, incidentJson, r, i, update, now));
            }
        }
        if (!notices.isEmpty()) {
            delivery.deliver(notices);
        }
        store.markNotified(update.id(), now);
        log.debug("Update {}: {} subscriber notices handed over", update.id(), notices.size());
    }
}

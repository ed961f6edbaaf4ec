package io.redset.alerts.internal;

import io.redset.alerts.AlertmanagerPayload;
import io.redset.alerts.AlertsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts taken in from another Alertmanager's webhook (or its v2 API's array form): each becomes an
 * external alert in the book, firing until its {@code endsAt} (an hour when it names none or one
 * already past) or until a resolved copy arrives; then it is routed, muted and notified like
 * RedSet's own. Written to the control database at once; when that fails the alerts still live in
 * memory and are written with the next evaluation.
 *
 * <p>Concurrency: stateless; the book and the store are thread-safe.
 */
public final class InboundAlertmanager {

    private static final Logger log = LoggerFactory.getLogger(InboundAlertmanager.class);
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final AlertsConfig config;
    private final AlertStore store;
    private final AlertBook book;

    public InboundAlertmanager(AlertsConfig config, AlertStore store, AlertBook book) {
        this.config = config;
        this.store = store;
        this.book = book;
    }

    /** Returns how many alerts the body held; {@link IllegalArgumentException} names what is wrong with it. */
    public int receive(String body) {
        Instant now = config.clock().instant();
        List<AlertmanagerPayload.Received> received = AlertmanagerPayload.parse(body, now);
        List<AlertBook.Transition> transitions = new ArrayList<>();
        for (AlertmanagerPayload.Received r : received) {
            Map<String, String> labels = new LinkedHashMap<>(r.labels());
            labels.putIfAbsent("alertname", "external");
            Instant ends = r.endsAt() != null && r.endsAt().isAfter(now) ? r.endsAt() : now.plus(DEFAULT_LIFETIME);
            transitions.addAll(book.external(labels, r.annotations(), r.startsAt(), ends, r.resolved(), now));
        }
        if (!transitions.isEmpty()) {
            try {
                store.tx(c -> {
                    store.writeAlerts(c, book.openEntries(), List.of());
                    for (AlertBook.Transition t : transitions) {
                        store.event(c, t.alert().id(), now, t.to().wireName(), "alertmanager", "taken in from an Alertmanager webhook");
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                log.warn("alerts: inbound alerts kept in memory only: {}", e.toString());
            }
        }
        return received.size();
    }
}

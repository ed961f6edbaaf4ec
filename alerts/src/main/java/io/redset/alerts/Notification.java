package io.redset.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One grouped notification for one receiver, fixed when it is put in the outbox (so a retry or a
 * delivery after a restart sends the same content).
 *
 * @param event    {@code firing}, {@code resolved} or {@code acknowledged} (the last only for
 *                 receivers that track acknowledgement, e.g. PagerDuty)
 * @param groupKey Alertmanager's form: {@code {}:{alertname="SetErrorRatio"}}
 * @param dedupKey unique per receiver and event: the outbox never holds it twice
 */
public record Notification(long id, String receiver, String event, String groupKey, Map<String, String> groupLabels,
                           List<Item> alerts, String externalUrl, String dedupKey, Instant createdAt) {

    /** One alert in a notification. {@code endsAt} is null while firing. */
    public record Item(long alertId, String status, Map<String, String> labels, Map<String, String> annotations,
                       Instant startsAt, Instant endsAt, String fingerprint, String ackBy, String ackComment) {
    }

    public Notification {
        groupLabels = Map.copyOf(groupLabels);
        alerts = List.copyOf(alerts);
    }

    /** firing when any alert in it fires, else resolved (Alertmanager's group status). */
    public String status() {
        return alerts.stream().anyMatch(a -> "firing".equals(a.status())) ? "firing" : "resolved";
    }

    public String alertname() {
        return groupLabels.getOrDefault("alertname", "");
    }
}

package io.redset.alerts.pagerduty;

import io.redset.alerts.AlertmanagerPayload;
import io.redset.alerts.DeliveryResult;
import io.redset.alerts.Notification;
import io.redset.alerts.Notifier;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.internal.HttpPost;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * PagerDuty Events v2: one incident per alert group ({@code dedup_key} {@code redset/<alertname>}),
 * triggered while any alert of the group fires (the summary lists the SETs), acknowledged when it
 * is acknowledged in RedSet, resolved when the group's notification is resolved.
 */
public final class PagerDutyNotifier implements Notifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final PagerDutyConfig config;
    private final HttpClient http;

    public PagerDutyNotifier(PagerDutyConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
    }

    @Override
    public ReceiverConfig config() {
        return config.receiver();
    }

    @Override
    public boolean wantsAcknowledgements() {
        return true;
    }

    @Override
    public DeliveryResult deliver(Notification n) {
        return HttpPost.json(http, config.url(), config.timeout(), JSON.writeValueAsString(event(n)));
    }

    /** The Events v2 body for a notification. */
    public Map<String, Object> event(Notification n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("routing_key", config.routingKey());
        String action = switch (n.event()) {
            case "acknowledged" -> "acknowledge";
            case "resolved" -> "resolve";
            default -> "firing".equals(n.status()) ? "trigger" : "resolve";
        };
        m.put("event_action", action);
        m.put("dedup_key", dedupKey(n));
        if (!"trigger".equals(action)) {
            return m;
        }
        List<Notification.Item> firing = n.alerts().stream().filter(a -> "firing".equals(a.status())).toList();
        Notification.Item first = firing.get(0);
        TreeSet<String> sets = new TreeSet<>();
        firing.forEach(a -> {
            if (a.labels().containsKey("set")) {
                sets.add(a.labels().get("set"));
            }
        });
        String summary = firing.size() == 1 ? first.annotations().getOrDefault("summary", n.alertname())
                : n.alertname() + ": " + firing.size() + " alerts" + (sets.isEmpty() ? "" : ", SETs " + String.join(", ", sets))
                  + " - " + first.annotations().getOrDefault("summary", "");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("summary", summary.length() > 1024 ? summary.substring(0, 1021) + "..." : summary);
        payload.put("timestamp", AlertmanagerPayload.time(first.startsAt()));
        payload.put("severity", severity(first.labels().get("severity")));
        payload.put("source", sets.size() == 1 ? config.source() + "-set-" + sets.first() : config.source());
        payload.put("component", first.labels().getOrDefault("operation", "claims"));
        payload.put("group", config.source());
        payload.put("class", n.alertname());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sets", List.copyOf(sets));
        List<String> summaries = new ArrayList<>();
        firing.forEach(a -> summaries.add(a.annotations().getOrDefault("summary", a.fingerprint())));
        details.put("alerts", summaries);
        payload.put("custom_details", details);
        m.put("payload", payload);
        m.put("client", "RedSet console");
        m.put("client_url", n.externalUrl() + "/console/alerts/" + first.alertId());
        String runbook = first.annotations().get("runbook_url");
        if (runbook != null) {
            m.put("links", List.of(Map.of("href", runbook, "text", "Runbook")));
        }
        return m;
    }

    static String dedupKey(Notification n) {
        return "redset/" + n.alertname();
    }

    static String severity(String label) {
        if (label == null) {
            return "error";
        }
        return switch (label) {
            case "critical", "page" -> "critical";
            case "ticket", "warning" -> "warning";
            case "info" -> "info";
            default -> "error";
        };
    }
}

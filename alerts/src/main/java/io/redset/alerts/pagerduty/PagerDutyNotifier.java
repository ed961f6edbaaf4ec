package io.redset.alerts.pagerduty;

import io.redset.alerts.AlertmanagerPayload;
import io.redset.alerts.DeliveryResult;
import io.redset.alerts.Notification;
import io.redset.alerts.Notifier;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.internal.Fingerprint;
import io.redset.alerts.internal.HttpPost;
import io.redset.alerts.internal.SafeText;
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
 *
 * <p>Within the Events API's limits whatever the alerts hold: the summary is at most
 * {@link #MAX_SUMMARY} characters (a surrogate pair is never split), a {@code dedup_key} longer
 * than {@link #MAX_DEDUP_KEY} keeps its start and ends with the SHA-256 of the whole key (unique and
 * the same for trigger, acknowledge and resolve), {@code custom_details} lists at most
 * {@link #MAX_LISTED_ALERTS} alerts and counts the rest, and a runbook becomes a link only when it is
 * an http(s) URL.
 */
public final class PagerDutyNotifier implements Notifier {

    static final int MAX_SUMMARY = 1024;
    static final int MAX_DEDUP_KEY = 255;
    static final int MAX_LISTED_ALERTS = 100;
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
        payload.put("summary", SafeText.cut(summary, MAX_SUMMARY, "..."));
        payload.put("timestamp", AlertmanagerPayload.time(first.startsAt()));
        payload.put("severity", severity(first.labels().get("severity")));
        payload.put("source", sets.size() == 1 ? config.source() + "-set-" + sets.first() : config.source());
        payload.put("component", first.labels().getOrDefault("operation", "claims"));
        payload.put("group", config.source());
        payload.put("class", n.alertname());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sets", List.copyOf(sets));
        List<String> summaries = new ArrayList<>();
        firing.stream().limit(MAX_LISTED_ALERTS)
                .forEach(a -> summaries.add(SafeText.cut(a.annotations().getOrDefault("summary", a.fingerprint()), MAX_SUMMARY, "...")));
        details.put("alerts", summaries);
        if (firing.size() > MAX_LISTED_ALERTS) {
            details.put("alerts_not_listed", firing.size() - MAX_LISTED_ALERTS);
        }
        payload.put("custom_details", details);
        m.put("payload", payload);
        m.put("client", "RedSet console");
        m.put("client_url", n.externalUrl() + "/console/alerts/" + first.alertId());
        String runbook = first.annotations().get("runbook_url");
        if (SafeText.isHttpUrl(runbook)) {
            m.put("links", List.of(Map.of("href", runbook, "text", "Runbook")));
        }
        return m;
    }

    /** {@code redset/<alertname>}; past {@link #MAX_DEDUP_KEY} its start, {@code /} and the SHA-256 hex of the whole key. */
    static String dedupKey(Notification n) {
        String key = "redset/" + n.alertname();
        if (key.length() <= MAX_DEDUP_KEY) {
            return key;
        }
        String digest = Fingerprint.sha256Hex(key);
        return SafeText.cut(key, MAX_DEDUP_KEY - digest.length() - 1, "") + "/" + digest;
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

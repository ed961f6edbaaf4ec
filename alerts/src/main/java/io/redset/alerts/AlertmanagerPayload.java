package io.redset.alerts;

import io.redset.alerts.internal.SafeText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Alertmanager webhook, version 4 (FORMATS.md): written for webhook receivers, and read
 * tolerantly from a user's own Alertmanager (unknown fields ignored, {@code notification_reason}
 * optional, only {@code labels} required per alert).
 *
 * <p>Label and annotation names and values taken in have their control characters other than tab
 * and line breaks (NUL above all, which a {@code jsonb} column refuses) and unpaired surrogates
 * replaced by U+FFFD ({@link SafeText#replaceControls}). They are replaced, not refused: one odd
 * value from an upstream exporter must neither fail the whole webhook (Alertmanager would retry it
 * and every alert in it would stay unseen) nor reach the control database, where it would fail
 * every later write of the open alerts and so every notification. U+FFFD keeps the alert readable
 * and shows that something was replaced.
 */
public final class AlertmanagerPayload {

    /** Alertmanager's zero time, the {@code endsAt} of a firing alert. */
    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One alert read from an inbound webhook. */
    public record Received(String status, Map<String, String> labels, Map<String, String> annotations,
                           Instant startsAt, Instant endsAt, String generatorUrl) {
        public boolean resolved() {
            return "resolved".equals(status);
        }
    }

    private AlertmanagerPayload() {
    }

    /** The version-4 JSON of a notification, with the keys in Alertmanager's order. */
    public static String render(Notification n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", "4");
        m.put("groupKey", n.groupKey());
        m.put("truncatedAlerts", 0);
        m.put("status", n.status());
        m.put("receiver", n.receiver());
        m.put("groupLabels", new LinkedHashMap<>(n.groupLabels()));
        m.put("commonLabels", common(n.alerts().stream().map(Notification.Item::labels).toList()));
        m.put("commonAnnotations", common(n.alerts().stream().map(Notification.Item::annotations).toList()));
        m.put("externalURL", n.externalUrl() + "/console/alerts");
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Notification.Item a : n.alerts()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("status", a.status());
            x.put("labels", new java.util.TreeMap<>(a.labels()));
            x.put("annotations", new java.util.TreeMap<>(a.annotations()));
            x.put("startsAt", time(a.startsAt()));
            x.put("endsAt", a.endsAt() == null ? ZERO_TIME : time(a.endsAt()));
            x.put("generatorURL", n.externalUrl() + "/console/alerts/" + a.alertId());
            x.put("fingerprint", a.fingerprint());
            alerts.add(x);
        }
        m.put("alerts", alerts);
        return JSON.writeValueAsString(m);
    }

    /** RFC 3339 in UTC to the second, as in FORMATS.md: {@code 2026-11-21T09:32:48Z}. */
    public static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * Reads an inbound webhook (version 4; other versions are read the same way as long as the
     * alerts carry labels). Throws IllegalArgumentException naming what is missing.
     */
    public static List<Received> parse(String body, Instant now) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("body is not JSON" + where(e) + ": " + SafeText.echo(e.getOriginalMessage()));
        }
        JsonNode alerts = root.isArray() ? root : root.path("alerts");
        if (!alerts.isArray()) {
            throw new IllegalArgumentException("alerts must be a list");
        }
        String groupStatus = root.path("status").asString("firing");
        List<Received> out = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode a = alerts.get(i);
            Map<String, String> labels = strings(a.path("labels"));
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("alerts[" + i + "].labels is required");
            }
            Instant ends = instant(a.path("endsAt").asString(null));
            String status = a.path("status").asString(null);
            if (status == null) {
                status = ends != null && !ends.isAfter(now) ? "resolved" : groupStatus;
            }
            out.add(new Received(status, labels, strings(a.path("annotations")), instant(a.path("startsAt").asString(null)),
                    ends, a.path("generatorURL").asString(null)));
        }
        return out;
    }

    /** Names and values with their control characters replaced (see the class comment). */
    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String value = e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString();
                out.put(SafeText.replaceControls(e.getKey()), SafeText.replaceControls(value));
            }
        }
        return out;
    }

    /** Where a JSON parser stopped, {@code " at line 1, column 5"}, or nothing when it does not say. */
    static String where(JacksonException e) {
        var at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** Null for absent, unparsable or zero times. */
    private static Instant instant(String text) {
        if (text == null || text.isBlank() || text.startsWith("0001-01-01")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, String> common(List<Map<String, String>> maps) {
        Map<String, String> out = new java.util.TreeMap<>();
        if (maps.isEmpty()) {
            return out;
        }
        out.putAll(maps.get(0));
        for (Map<String, String> m : maps) {
            out.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        }
        return out;
    }
}

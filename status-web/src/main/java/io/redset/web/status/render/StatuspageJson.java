package io.redset.web.status.render;

import io.redset.web.status.snapshot.AffectedComponent;
import io.redset.web.status.snapshot.ComponentGroup;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentStatus;
import io.redset.web.status.snapshot.IncidentUpdate;
import io.redset.web.status.snapshot.PageComponent;
import io.redset.web.status.snapshot.PageSettings;
import io.redset.web.status.snapshot.StatusSnapshot;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The Statuspage v2 public API bodies (FORMATS.md): field names, enums and timestamps as
 * {@code yyyy-MM-dd'T'HH:mm:ss.SSSXXX} in the page's time zone. Rendered once per snapshot.
 */
public final class StatuspageJson {

    /** The eight endpoints, by their path under {@code /api/v2/}. */
    public static final List<String> ENDPOINTS = List.of("summary.json", "status.json", "components.json",
            "incidents.json", "incidents/unresolved.json", "scheduled-maintenances.json",
            "scheduled-maintenances/upcoming.json", "scheduled-maintenances/active.json");

    static final int RECENT_LIMIT = 50;
    static final String TIMESTAMP_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final StatusSnapshot s;
    private final DateTimeFormatter timestamps;

    public StatuspageJson(StatusSnapshot snapshot) {
        this.s = snapshot;
        ZoneId zone = snapshot.page().timeZone();
        this.timestamps = DateTimeFormatter.ofPattern(TIMESTAMP_PATTERN).withZone(zone);
    }

    /** Bodies of all eight endpoints. */
    public Map<String, byte[]> renderAll() {
        return Map.of(
                "summary.json", bytes(summary()),
                "status.json", bytes(withPage().set("status", status())),
                "components.json", bytes(withPage().set("components", components())),
                "incidents.json", bytes(withPage().set("incidents", incidents(s.incidents().stream().limit(RECENT_LIMIT).toList()))),
                "incidents/unresolved.json", bytes(withPage().set("incidents", incidents(s.unresolvedIncidents()))),
                "scheduled-maintenances.json", bytes(withPage().set("scheduled_maintenances",
                        incidents(s.maintenances().stream().limit(RECENT_LIMIT).toList()))),
                "scheduled-maintenances/upcoming.json", bytes(withPage().set("scheduled_maintenances",
                        incidents(s.upcomingMaintenances()))),
                "scheduled-maintenances/active.json", bytes(withPage().set("scheduled_maintenances",
                        incidents(s.activeMaintenances()))));
    }

    ObjectNode summary() {
        ObjectNode root = withPage();
        root.set("components", components());
        root.set("incidents", incidents(s.unresolvedIncidents()));
        List<Incident> maintenances = s.maintenances().stream()
                .filter(m -> m.status() == IncidentStatus.SCHEDULED || m.status().isActiveMaintenance()).toList();
        root.set("scheduled_maintenances", incidents(maintenances));
        root.set("status", status());
        return root;
    }

    private ObjectNode withPage() {
        ObjectNode root = NODES.objectNode();
        PageSettings p = s.page();
        ObjectNode page = root.putObject("page");
        page.put("id", p.id());
        page.put("name", p.name());
        page.put("url", p.url());
        page.put("time_zone", p.timeZone().getId());
        page.put("updated_at", time(s.updatedAt()));
        return root;
    }

    private ObjectNode status() {
        ObjectNode status = NODES.objectNode();
        status.put("indicator", s.indicator().wireName());
        status.put("description", s.indicator().description());
        return status;
    }

    private ArrayNode components() {
        ArrayNode array = NODES.arrayNode();
        for (PageComponent c : s.components()) {
            ComponentGroup g = s.groups().stream().filter(x -> x.memberIds().getFirst().equals(c.id())).findFirst().orElse(null);
            if (g != null) {
                array.add(group(g));
            }
            array.add(component(c));
        }
        return array;
    }

    private ObjectNode component(PageComponent c) {
        ObjectNode n = NODES.objectNode();
        n.put("id", c.id());
        n.put("name", c.name());
        n.put("status", c.status().wireName());
        n.put("created_at", time(c.createdAt()));
        n.put("updated_at", time(c.updatedAt()));
        n.put("position", c.position());
        if (c.description() == null || c.description().isEmpty()) {
            n.putNull("description");
        } else {
            n.put("description", c.description());
        }
        n.put("showcase", c.showcase());
        if (c.startDate() == null) {
            n.putNull("start_date");
        } else {
            n.put("start_date", c.startDate().toString());
        }
        if (c.groupId() == null) {
            n.putNull("group_id");
        } else {
            n.put("group_id", c.groupId());
        }
        n.put("page_id", s.page().id());
        n.put("group", false);
        n.put("only_show_if_degraded", c.onlyShowIfDegraded());
        return n;
    }

    private ObjectNode group(ComponentGroup g) {
        ObjectNode n = NODES.objectNode();
        n.put("id", g.id());
        n.put("name", g.name());
        n.put("status", g.status().wireName());
        n.put("created_at", time(g.createdAt()));
        n.put("updated_at", time(g.updatedAt()));
        n.put("position", g.position());
        n.putNull("description");
        n.put("showcase", false);
        n.putNull("start_date");
        n.putNull("group_id");
        n.put("page_id", s.page().id());
        n.put("group", true);
        n.put("only_show_if_degraded", false);
        ArrayNode members = n.putArray("components");
        g.memberIds().forEach(members::add);
        return n;
    }

    private ArrayNode incidents(List<Incident> incidents) {
        ArrayNode array = NODES.arrayNode();
        incidents.forEach(i -> array.add(incident(i)));
        return array;
    }

    public ObjectNode incident(Incident i) {
        ObjectNode n = NODES.objectNode();
        n.put("id", i.id());
        n.put("name", i.name());
        n.put("status", i.status().wireName());
        n.put("impact", i.impact().wireName());
        n.put("created_at", time(i.createdAt()));
        n.put("updated_at", time(i.updatedAt()));
        putTime(n, "monitoring_at", i.monitoringAt());
        putTime(n, "resolved_at", i.resolvedAt());
        n.put("started_at", time(i.startedAt()));
        n.put("shortlink", shortlink(s.page(), i));
        n.put("page_id", s.page().id());
        if (i.isMaintenance()) {
            n.put("scheduled_for", time(i.scheduledFor()));
            n.put("scheduled_until", time(i.scheduledUntil()));
        }
        ArrayNode updates = n.putArray("incident_updates");
        for (IncidentUpdate u : i.updates()) {
            updates.add(update(u));
        }
        ArrayNode components = n.putArray("components");
        for (String id : i.componentIds()) {
            s.component(id).ifPresent(c -> components.add(component(c)));
        }
        return n;
    }

    private ObjectNode update(IncidentUpdate u) {
        ObjectNode n = NODES.objectNode();
        n.put("id", u.id());
        n.put("incident_id", u.incidentId());
        n.put("status", u.status().wireName());
        n.put("body", u.body());
        n.put("created_at", time(u.createdAt()));
        n.put("updated_at", time(u.createdAt()));
        n.put("display_at", time(u.displayAt()));
        if (u.affected().isEmpty()) {
            n.putNull("affected_components");
        } else {
            ArrayNode affected = n.putArray("affected_components");
            for (AffectedComponent a : u.affected()) {
                ObjectNode c = affected.addObject();
                c.put("code", a.code());
                c.put("name", a.name());
                c.put("old_status", a.oldStatus().wireName());
                c.put("new_status", a.newStatus().wireName());
            }
        }
        n.put("deliver_notifications", u.deliverNotifications());
        n.putNull("custom_tweet");
        n.putNull("tweet_id");
        return n;
    }

    public static String shortlink(PageSettings page, Incident i) {
        String base = page.url().endsWith("/") ? page.url().substring(0, page.url().length() - 1) : page.url();
        return base + "/incidents/" + i.id();
    }

    private void putTime(ObjectNode n, String field, Instant t) {
        if (t == null) {
            n.putNull(field);
        } else {
            n.put(field, time(t));
        }
    }

    public String time(Instant t) {
        return timestamps.format(t);
    }

    private static byte[] bytes(ObjectNode node) {
        return MAPPER.writeValueAsBytes(node);
    }
}

package io.redset.web.status;

import io.redset.probes.ComponentStatus;
import io.redset.web.status.snapshot.AffectedComponent;
import io.redset.web.status.snapshot.Impact;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentStatus;
import io.redset.web.status.snapshot.IncidentUpdate;
import io.redset.web.status.snapshot.PageSettings;
import io.redset.web.status.snapshot.StatusData;
import io.redset.web.status.snapshot.StoredComponent;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The status model in the control database's schema {@code status} (migrated here with its own
 * Flyway history, apart from Spring's Flyway which owns {@code admin}). Plain JDBC; every write
 * is one transaction.
 */
public final class StatusStore {

    static final String SCHEMA = "status";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public StatusStore(DataSource controlDatabase) {
        this.jdbc = JdbcClient.create(controlDatabase);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(controlDatabase));
    }

    /** Applies the {@code status} schema migrations ({@code status.flyway_schema_history}). */
    public static void migrate(DataSource controlDatabase) {
        Flyway.configure()
                .dataSource(controlDatabase)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/status")
                .load()
                .migrate();
    }

    public <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    // ------------------------------------------------------------------ page

    /** Inserts the page row with these defaults when there is none yet. */
    public void ensurePage(PageSettings defaults) {
        jdbc.sql("INSERT INTO status.page (id, name, url, time_zone, logo_text, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (id) DO NOTHING")
                .params(defaults.id(), defaults.name(), defaults.url(), defaults.timeZone().getId(), defaults.logoText(),
                        ts(defaults.updatedAt()))
                .update();
    }

    public void updatePage(PageSettings page) {
        jdbc.sql("UPDATE status.page SET name = ?, url = ?, time_zone = ?, logo_text = ?, updated_at = ? WHERE id = ?")
                .params(page.name(), page.url(), page.timeZone().getId(), page.logoText(), ts(page.updatedAt()), page.id())
                .update();
    }

    // ------------------------------------------------------------------ components

    public void upsertComponent(StoredComponent c) {
        jdbc.sql("""
                        INSERT INTO status.component (id, source, name, description, group_name, status, position, showcase,
                            only_show_if_degraded, start_date, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET source = excluded.source, name = excluded.name,
                            description = excluded.description, group_name = excluded.group_name, status = excluded.status,
                            position = excluded.position, showcase = excluded.showcase,
                            only_show_if_degraded = excluded.only_show_if_degraded, start_date = excluded.start_date,
                            updated_at = excluded.updated_at""")
                .params(c.id(), c.manual() ? "manual" : "probe", c.name(), c.description(), c.group(),
                        c.status().wireName(), c.position(), c.showcase(), c.onlyShowIfDegraded(), c.startDate(),
                        ts(c.createdAt()), ts(c.updatedAt()))
                .update();
    }

    /** Adds a probe component's row the first time it is seen; keeps what admins set on it. */
    public void insertProbeComponentIfAbsent(StoredComponent c) {
        jdbc.sql("""
                        INSERT INTO status.component (id, source, name, description, group_name, status, position, showcase,
                            only_show_if_degraded, start_date, created_at, updated_at)
                        VALUES (?, 'probe', ?, ?, ?, 'operational', ?, true, false, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                .params(c.id(), c.name(), c.description(), c.group(), c.position(), c.startDate(), ts(c.createdAt()),
                        ts(c.updatedAt()))
                .update();
    }

    public void setComponentStatus(String id, ComponentStatus status, Instant at) {
        jdbc.sql("UPDATE status.component SET status = ?, updated_at = ? WHERE id = ? AND source = 'manual'")
                .params(status.wireName(), ts(at), id)
                .update();
    }

    // ------------------------------------------------------------------ incidents and maintenances

    public void insertIncident(Incident i) {
        jdbc.sql("""
                        INSERT INTO status.incident (id, kind, name, status, impact, created_at, updated_at, started_at,
                            monitoring_at, resolved_at, scheduled_for, scheduled_until, auto_transitions, postmortem)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(i.id(), i.isMaintenance() ? "maintenance" : "incident", i.name(), i.status().wireName(),
                        i.impact().wireName(), ts(i.createdAt()), ts(i.updatedAt()), ts(i.startedAt()),
                        ts(i.monitoringAt()), ts(i.resolvedAt()), ts(i.scheduledFor()), ts(i.scheduledUntil()),
                        i.autoTransitions(), i.postmortem())
                .update();
        for (String component : i.componentIds()) {
            jdbc.sql("INSERT INTO status.incident_component (incident_id, component_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(i.id(), component).update();
        }
    }

    /** Writes the incident's own columns (not its updates or components). */
    public void updateIncident(Incident i) {
        jdbc.sql("""
                        UPDATE status.incident SET name = ?, status = ?, impact = ?, updated_at = ?, monitoring_at = ?,
                            resolved_at = ?, scheduled_for = ?, scheduled_until = ?, auto_transitions = ?, postmortem = ?
                        WHERE id = ?""")
                .params(i.name(), i.status().wireName(), i.impact().wireName(), ts(i.updatedAt()), ts(i.monitoringAt()),
                        ts(i.resolvedAt()), ts(i.scheduledFor()), ts(i.scheduledUntil()), i.autoTransitions(),
                        i.postmortem(), i.id())
                .update();
    }

    /**
     * Saves an incident only while its stored status is still {@code expected}: of several nodes
     * moving the same maintenance on, one wins and writes the notices. True when saved.
     */
    public boolean updateIncidentIf(Incident i, IncidentStatus expected) {
        return jdbc.sql("""
                        UPDATE status.incident SET status = ?, impact = ?, updated_at = ?, resolved_at = ?
                        WHERE id = ? AND status = ?""")
                .params(i.status().wireName(), i.impact().wireName(), ts(i.updatedAt()), ts(i.resolvedAt()), i.id(),
                        expected.wireName())
                .update() == 1;
    }

    public void addIncidentComponents(String incidentId, List<String> components) {
        for (String component : components) {
            jdbc.sql("INSERT INTO status.incident_component (incident_id, component_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(incidentId, component).update();
        }
    }

    public void insertUpdate(IncidentUpdate u) {
        jdbc.sql("""
                        INSERT INTO status.incident_update (id, incident_id, status, body, created_at, display_at,
                            deliver_notifications) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(u.id(), u.incidentId(), u.status().wireName(), u.body(), ts(u.createdAt()), ts(u.displayAt()),
                        u.deliverNotifications())
                .update();
        for (AffectedComponent a : u.affected()) {
            jdbc.sql("""
                            INSERT INTO status.incident_update_component (update_id, component_id, name, old_status, new_status)
                            VALUES (?, ?, ?, ?, ?)""")
                    .params(u.id(), a.code(), a.name(), a.oldStatus().wireName(), a.newStatus().wireName())
                    .update();
        }
    }

    // ------------------------------------------------------------------ reading everything

    /**
     * Reads the page: settings, components, every open incident and maintenance, and the
     * {@code closedLimit} most recent closed ones (newest first).
     */
    public StatusData load(int closedLimit, Instant now) {
        return tx.execute(status -> {
            PageSettings page = jdbc.sql("SELECT id, name, url, time_zone, logo_text, updated_at FROM status.page ORDER BY id LIMIT 1")
                    .query((rs, n) -> new PageSettings(rs.getString(1), rs.getString(2), rs.getString(3),
                            ZoneId.of(rs.getString(4)), rs.getString(5), instant(rs, 6)))
                    .optional().orElse(null);
            List<StoredComponent> components = jdbc.sql("""
                            SELECT id, source, name, description, group_name, status, position, showcase,
                                   only_show_if_degraded, start_date, created_at, updated_at
                            FROM status.component ORDER BY position, id""")
                    .query((rs, n) -> new StoredComponent(rs.getString(1), "manual".equals(rs.getString(2)),
                            rs.getString(3), rs.getString(4), rs.getString(5), ComponentStatus.ofWireName(rs.getString(6)),
                            rs.getInt(7), rs.getBoolean(8), rs.getBoolean(9),
                            rs.getObject(10, LocalDate.class), instant(rs, 11), instant(rs, 12)))
                    .list();
            List<Row> rows = jdbc.sql("""
                            (SELECT * FROM status.incident WHERE status NOT IN ('resolved', 'postmortem', 'completed'))
                            UNION
                            (SELECT * FROM status.incident WHERE status IN ('resolved', 'postmortem', 'completed')
                             ORDER BY coalesce(scheduled_for, created_at) DESC LIMIT ?)""")
                    .param(closedLimit)
                    .query((rs, n) -> new Row(rs.getString("id"), "maintenance".equals(rs.getString("kind")),
                            rs.getString("name"), IncidentStatus.ofWireName(rs.getString("status")),
                            Impact.ofWireName(rs.getString("impact")), instant(rs, "created_at"), instant(rs, "updated_at"),
                            instant(rs, "started_at"), instant(rs, "monitoring_at"), instant(rs, "resolved_at"),
                            instant(rs, "scheduled_for"), instant(rs, "scheduled_until"), rs.getBoolean("auto_transitions"),
                            rs.getString("postmortem")))
                    .list();
            if (rows.isEmpty()) {
                return new StatusData(page, components, List.of(), now);
            }
            String[] ids = rows.stream().map(Row::id).toArray(String[]::new);
            Map<String, List<String>> componentsOf = new HashMap<>();
            jdbc.sql("SELECT incident_id, component_id FROM status.incident_component WHERE incident_id = ANY(?) "
                            + "ORDER BY component_id")
                    .param(ids)
                    .query(rs -> {
                        componentsOf.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    });
            Map<String, List<AffectedComponent>> affectedOf = new HashMap<>();
            jdbc.sql("""
                            SELECT c.update_id, c.component_id, c.name, c.old_status, c.new_status
                            FROM status.incident_update_component c JOIN status.incident_update u ON u.id = c.update_id
                            WHERE u.incident_id = ANY(?) ORDER BY c.component_id""")
                    .param(ids)
                    .query(rs -> {
                        affectedOf.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new AffectedComponent(
                                rs.getString(2), rs.getString(3), ComponentStatus.ofWireName(rs.getString(4)),
                                ComponentStatus.ofWireName(rs.getString(5))));
                    });
            Map<String, List<IncidentUpdate>> updatesOf = new LinkedHashMap<>();
            jdbc.sql("""
                            SELECT id, incident_id, status, body, created_at, display_at, deliver_notifications
                            FROM status.incident_update WHERE incident_id = ANY(?) ORDER BY display_at DESC, created_at DESC, seq DESC""")
                    .param(ids)
                    .query(rs -> {
                        String id = rs.getString(1);
                        updatesOf.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(new IncidentUpdate(id,
                                rs.getString(2), IncidentStatus.ofWireName(rs.getString(3)), rs.getString(4),
                                instant(rs, 5), instant(rs, 6), rs.getBoolean(7), affectedOf.getOrDefault(id, List.of())));
                    });
            List<Incident> incidents = new ArrayList<>(rows.size());
            for (Row r : rows) {
                incidents.add(new Incident(r.id, r.maintenance, r.name, r.status, r.impact, r.createdAt, r.updatedAt,
                        r.startedAt, r.monitoringAt, r.resolvedAt, r.scheduledFor, r.scheduledUntil, r.autoTransitions,
                        r.postmortem, componentsOf.getOrDefault(r.id, List.of()), updatesOf.getOrDefault(r.id, List.of())));
            }
            incidents.sort(StatusStore::newestFirst);
            return new StatusData(page, components, incidents, now);
        });
    }

    static int newestFirst(Incident a, Incident b) {
        Instant ta = a.isMaintenance() ? a.scheduledFor() : a.createdAt();
        Instant tb = b.isMaintenance() ? b.scheduledFor() : b.createdAt();
        int c = tb.compareTo(ta);
        return c != 0 ? c : b.id().compareTo(a.id());
    }

    private record Row(String id, boolean maintenance, String name, IncidentStatus status, Impact impact,
                       Instant createdAt, Instant updatedAt, Instant startedAt, Instant monitoringAt, Instant resolvedAt,
                       Instant scheduledFor, Instant scheduledUntil, boolean autoTransitions, String postmortem) {
    }

    private static Timestamp ts(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

}

package io.redset.alerts.internal;

import io.redset.alerts.Acknowledgement;
import io.redset.alerts.AlertEvent;
import io.redset.alerts.AlertRule;
import io.redset.alerts.AlertRules;
import io.redset.alerts.AlertState;
import io.redset.alerts.LabelMatcher;
import io.redset.alerts.Notification;
import io.redset.alerts.OutboundMessage;
import io.redset.alerts.OutboxEntry;
import io.redset.alerts.SavedRule;
import io.redset.alerts.Silence;
import org.flywaydb.core.Flyway;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code alerts} schema of the control database: saved rules, alerts with their history,
 * silences and the notification outbox. Every statement has a time limit so a slow database fails an
 * evaluation instead of stalling it.
 */
public final class AlertStore {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    /** The longest {@code last_error} stored. */
    public static final int MAX_ERROR = 1000;
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private final DataSource db;
    private final int queryTimeoutSeconds;

    public AlertStore(DataSource db, Duration queryTimeout) {
        this.db = db;
        this.queryTimeoutSeconds = (int) Math.max(1, queryTimeout.toSeconds());
    }

    public static void migrate(DataSource db) {
        Flyway.configure().dataSource(db).schemas("alerts").defaultSchema("alerts")
                .table("flyway_schema_history").locations("classpath:db/alerts").load().migrate();
    }

    /** A unit of work in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public <T> T tx(Work<T> work) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T t = work.run(c);
                c.commit();
                return t;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("alerts store: " + e.getMessage(), e);
        }
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setQueryTimeout(queryTimeoutSeconds);
        return ps;
    }

    // ---- rules

    public List<SavedRule> savedRules() {
        return tx(c -> {
            List<SavedRule> out = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, "select definition::text, enabled, updated_by, updated_at from alerts.rules order by name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AlertRule r = AlertRules.parseJson(rs.getString(1)).withEnabled(rs.getBoolean(2));
                    out.add(new SavedRule(r, rs.getString(3), rs.getTimestamp(4).toInstant()));
                }
            }
            return out;
        });
    }

    public void saveRule(AlertRule rule, String actor, Instant now) {
        tx(c -> {
            try (PreparedStatement ps = prepare(c, "insert into alerts.rules (name, definition, enabled, updated_by, updated_at) values (?, ?::jsonb, ?, ?, ?) "
                    + "on conflict (name) do update set definition = excluded.definition, enabled = excluded.enabled, "
                    + "updated_by = excluded.updated_by, updated_at = excluded.updated_at")) {
                ps.setString(1, rule.name());
                ps.setString(2, AlertRules.toJson(rule));
                ps.setBoolean(3, rule.enabled());
                ps.setString(4, actor);
                ps.setTimestamp(5, Timestamp.from(now));
                ps.executeUpdate();
            }
            return null;
        });
    }

    public boolean deleteRule(String name) {
        return tx(c -> {
            try (PreparedStatement ps = prepare(c, "delete from alerts.rules where name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    // ---- alerts

    public long maxAlertId() {
        return tx(c -> {
            try (PreparedStatement ps = prepare(c, "select coalesce(max(id), 0) from alerts.alerts"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Upserts the alert rows (open ones, and the ones just closed). */
    public void writeAlerts(Connection c, List<AlertBook.Entry> entries, List<AlertBook.Entry> resolvePending) throws SQLException {
        try (PreparedStatement ps = prepare(c, "insert into alerts.alerts (id, fingerprint, rule, source, labels, annotations, state, value, "
                + "active_since, fired_at, last_active_at, resolved_at, ends_at, ack_by, ack_at, ack_comment, ack_expires_at, "
                + "notifications, last_notified_at, firing_notified, ack_notified, resolve_pending, for_ms, keep_firing_ms, last_notified) "
                + "values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) "
                + "on conflict (id) do update set annotations = excluded.annotations, state = excluded.state, value = excluded.value, "
                + "fired_at = excluded.fired_at, last_active_at = excluded.last_active_at, resolved_at = excluded.resolved_at, "
                + "ends_at = excluded.ends_at, ack_by = excluded.ack_by, ack_at = excluded.ack_at, ack_comment = excluded.ack_comment, "
                + "ack_expires_at = excluded.ack_expires_at, notifications = excluded.notifications, "
                + "last_notified_at = excluded.last_notified_at, firing_notified = excluded.firing_notified, "
                + "ack_notified = excluded.ack_notified, resolve_pending = excluded.resolve_pending, for_ms = excluded.for_ms, "
                + "keep_firing_ms = excluded.keep_firing_ms, last_notified = excluded.last_notified")) {
            for (AlertBook.Entry e : entries) {
                int i = 1;
                ps.setLong(i++, e.id);
                ps.setString(i++, e.fingerprint);
                ps.setString(i++, e.rule);
                ps.setString(i++, e.source);
                ps.setString(i++, JSON.writeValueAsString(e.labels));
                ps.setString(i++, JSON.writeValueAsString(e.annotations == null ? Map.of() : e.annotations));
                ps.setString(i++, e.state.wireName());
                ps.setDouble(i++, e.value);
                ps.setTimestamp(i++, ts(e.activeSince));
                ps.setTimestamp(i++, ts(e.firedAt));
                ps.setTimestamp(i++, ts(e.lastActiveAt));
                ps.setTimestamp(i++, ts(e.resolvedAt));
                ps.setTimestamp(i++, ts(e.endsAt));
                ps.setString(i++, e.ack == null ? null : e.ack.by());
                ps.setTimestamp(i++, ts(e.ack == null ? null : e.ack.at()));
                ps.setString(i++, e.ack == null ? null : e.ack.comment());
                ps.setTimestamp(i++, ts(e.ack == null ? null : e.ack.expiresAt()));
                ps.setInt(i++, e.notifications);
                ps.setTimestamp(i++, ts(e.lastNotifiedAt));
                ps.setBoolean(i++, e.firingNotified);
                ps.setBoolean(i++, e.ackNotified);
                ps.setBoolean(i++, resolvePending.contains(e));
                ps.setLong(i++, e.forDuration.toMillis());
                ps.setLong(i++, e.keepFiringFor.toMillis());
                Map<String, String> last = new java.util.TreeMap<>();
                e.lastNotifiedBy.forEach((r, t) -> last.put(r, t.toString()));
                ps.setString(i, JSON.writeValueAsString(last));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Open alerts, and closed ones that still owe a resolve notification. */
    public List<AlertBook.Entry> loadOpen() {
        return tx(c -> {
            List<AlertBook.Entry> out = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, "select id, fingerprint, rule, source, labels::text, annotations::text, state, value, "
                    + "active_since, fired_at, last_active_at, resolved_at, ends_at, ack_by, ack_at, ack_comment, ack_expires_at, "
                    + "notifications, last_notified_at, firing_notified, ack_notified, resolve_pending, for_ms, keep_firing_ms, last_notified::text "
                    + "from alerts.alerts where state in ('pending', 'firing') or resolve_pending order by id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AlertBook.Entry e = new AlertBook.Entry();
                    e.id = rs.getLong(1);
                    e.fingerprint = rs.getString(2);
                    e.rule = rs.getString(3);
                    e.source = rs.getString(4);
                    e.labels = JSON.readValue(rs.getString(5), STRING_MAP);
                    e.annotations = JSON.readValue(rs.getString(6), STRING_MAP);
                    e.state = AlertState.ofWireName(rs.getString(7));
                    e.value = rs.getDouble(8);
                    e.activeSince = instant(rs.getTimestamp(9));
                    e.firedAt = instant(rs.getTimestamp(10));
                    e.lastActiveAt = instant(rs.getTimestamp(11));
                    e.resolvedAt = instant(rs.getTimestamp(12));
                    e.endsAt = instant(rs.getTimestamp(13));
                    if (rs.getString(14) != null) {
                        e.ack = new Acknowledgement(rs.getString(14), instant(rs.getTimestamp(15)), rs.getString(16), instant(rs.getTimestamp(17)));
                    }
                    e.notifications = rs.getInt(18);
                    e.lastNotifiedAt = instant(rs.getTimestamp(19));
                    e.firingNotified = rs.getBoolean(20);
                    e.ackNotified = rs.getBoolean(21);
                    e.resolvePending = rs.getBoolean(22);
                    e.forDuration = Duration.ofMillis(rs.getLong(23));
                    e.keepFiringFor = Duration.ofMillis(rs.getLong(24));
                    JSON.readValue(rs.getString(25), STRING_MAP).forEach((r, t) -> e.lastNotifiedBy.put(r, Instant.parse(t)));
                    out.add(e);
                }
            }
            return out;
        });
    }

    /**
     * Adds a line to an alert's history. Actor and detail can quote text from elsewhere (a maintenance
     * window's title in a mute change): their control characters are replaced
     * ({@link SafeText#replaceControls}), since a NUL would fail the whole evaluation's transaction.
     */
    public void event(Connection c, long alertId, Instant at, String event, String actor, String detail) throws SQLException {
        try (PreparedStatement ps = prepare(c, "insert into alerts.alert_events (alert_id, at, event, actor, detail) values (?, ?, ?, ?, ?)")) {
            ps.setLong(1, alertId);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, event);
            ps.setString(4, SafeText.replaceControls(actor));
            ps.setString(5, SafeText.replaceControls(detail));
            ps.executeUpdate();
        }
    }

    public List<AlertEvent> events(long alertId) {
        return tx(c -> {
            List<AlertEvent> out = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, "select alert_id, at, event, actor, detail from alerts.alert_events where alert_id = ? order by id")) {
                ps.setLong(1, alertId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AlertEvent(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }

    // ---- silences

    public Silence insertSilence(Silence s, Instant now) {
        return tx(c -> {
            try (PreparedStatement ps = prepare(c, "insert into alerts.silences (matchers, creator, comment, starts_at, ends_at, created_at) "
                    + "values (?::jsonb, ?, ?, ?, ?, ?) returning id")) {
                ps.setString(1, JSON.writeValueAsString(s.matchers().stream().map(LabelMatcher::toString).toList()));
                ps.setString(2, s.creator());
                ps.setString(3, s.comment());
                ps.setTimestamp(4, Timestamp.from(s.start()));
                ps.setTimestamp(5, Timestamp.from(s.end()));
                ps.setTimestamp(6, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Silence(rs.getLong(1), s.matchers(), s.creator(), s.comment(), s.start(), s.end());
                }
            }
        });
    }

    /** Ends a silence now (keeps it for the record). */
    public boolean expireSilence(long id, Instant now) {
        return tx(c -> {
            try (PreparedStatement ps = prepare(c, "update alerts.silences set ends_at = greatest(starts_at + interval '1 millisecond', ?) where id = ? and ends_at > ?")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setLong(2, id);
                ps.setTimestamp(3, Timestamp.from(now));
                return ps.executeUpdate() > 0;
            }
        });
    }

    public List<Silence> silencesEndingAfter(Instant t) {
        return tx(c -> {
            List<Silence> out = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, "select id, matchers::text, creator, comment, starts_at, ends_at from alerts.silences where ends_at > ? order by id")) {
                ps.setTimestamp(1, Timestamp.from(t));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<String> ms = JSON.readValue(rs.getString(2), new TypeReference<List<String>>() { });
                        out.add(new Silence(rs.getLong(1), ms.stream().map(LabelMatcher::parse).toList(), rs.getString(3),
                                rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()));
                    }
                }
            }
            return out;
        });
    }

    // ---- outbox

    /** Stores a notification unless one with its dedup key exists; true when stored. */
    public boolean enqueue(Connection c, Notification n, Instant now, Instant expiresAt) throws SQLException {
        try (PreparedStatement ps = prepare(c, "insert into alerts.outbox (dedup_key, receiver, event, payload, created_at, next_attempt_at, expires_at) "
                + "values (?, ?, ?, ?::jsonb, ?, ?, ?) on conflict (dedup_key) do nothing")) {
            ps.setString(1, n.dedupKey());
            ps.setString(2, n.receiver());
            ps.setString(3, n.event());
            ps.setString(4, JSON.writeValueAsString(n));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now));
            ps.setTimestamp(7, Timestamp.from(expiresAt));
            return ps.executeUpdate() > 0;
        }
    }

    /** Stores one-off messages (one JDBC batch) except those whose dedup key exists; returns how many were stored. */
    public int enqueueMessages(Connection c, List<OutboundMessage> messages, Instant now, Instant expiresAt) throws SQLException {
        try (PreparedStatement ps = prepare(c, "insert into alerts.outbox (dedup_key, receiver, event, target, payload, created_at, next_attempt_at, expires_at) "
                + "values (?, ?, 'message', ?, ?::jsonb, ?, ?, ?) on conflict (dedup_key) do nothing")) {
            for (OutboundMessage m : messages) {
                ps.setString(1, m.dedupKey());
                ps.setString(2, m.receiver());
                ps.setString(3, m.target());
                ps.setString(4, JSON.writeValueAsString(m));
                ps.setTimestamp(5, Timestamp.from(now));
                ps.setTimestamp(6, Timestamp.from(now));
                ps.setTimestamp(7, Timestamp.from(expiresAt));
                ps.addBatch();
            }
            int stored = 0;
            for (int n : ps.executeBatch()) {
                stored += Math.max(0, n);
            }
            return stored;
        }
    }

    /** One locked outbox row: an alert notification, or (when {@code message} is set) a one-off message. */
    public record OutboxRow(long id, Notification notification, OutboundMessage message, int attempts, Instant expiresAt) {

        public String receiver() {
            return message != null ? message.receiver() : notification.receiver();
        }

        public String dedupKey() {
            return message != null ? message.dedupKey() : notification.dedupKey();
        }
    }

    /**
     * Locks up to {@code limit} due rows (skipping rows another node holds) inside the caller's
     * transaction: one-off messages when {@code messages}, else alert notifications.
     */
    public List<OutboxRow> lockDue(Connection c, Instant now, int limit, boolean messages) throws SQLException {
        List<OutboxRow> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, "select id, payload::text, attempts, expires_at from alerts.outbox where status = 'pending' "
                + "and next_attempt_at <= ? and (event = 'message') = ? order by id limit ? for update skip locked")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setBoolean(2, messages);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (messages) {
                        OutboundMessage m = JSON.readValue(rs.getString(2), OutboundMessage.class);
                        out.add(new OutboxRow(rs.getLong(1), null, m, rs.getInt(3), rs.getTimestamp(4).toInstant()));
                        continue;
                    }
                    Notification n = JSON.readValue(rs.getString(2), Notification.class);
                    n = new Notification(rs.getLong(1), n.receiver(), n.event(), n.groupKey(), n.groupLabels(), n.alerts(),
                            n.externalUrl(), n.dedupKey(), n.createdAt());
                    out.add(new OutboxRow(rs.getLong(1), n, null, rs.getInt(3), rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return out;
    }

    /**
     * Marks one locked outbox row inside the caller's transaction (the sender's batch). The error is
     * stored in its {@link SafeText#printable printable} form, at most {@link #MAX_ERROR} characters.
     * Should the update with the error text fail all the same (say the database's encoding cannot hold
     * a character), the row is marked with a placeholder error instead, back from a savepoint: one
     * row's text never rolls back the marks of the whole batch (which would send every row again at
     * each poll). Any other failure, of the placeholder update too, is thrown as before.
     */
    public void markOutbox(Connection c, long id, String status, int attempts, Instant nextAttempt, Instant deliveredAt, String error) throws SQLException {
        if (error == null) {
            updateOutbox(c, id, status, attempts, nextAttempt, deliveredAt, null);
            return;
        }
        Savepoint beforeText = c.setSavepoint();
        try {
            updateOutbox(c, id, status, attempts, nextAttempt, deliveredAt, SafeText.printable(error, MAX_ERROR));
        } catch (SQLException e) {
            c.rollback(beforeText);
            updateOutbox(c, id, status, attempts, nextAttempt, deliveredAt,
                    "(the error text could not be stored: SQL state " + e.getSQLState() + ")");
        }
        c.releaseSavepoint(beforeText);
    }

    private void updateOutbox(Connection c, long id, String status, int attempts, Instant nextAttempt, Instant deliveredAt, String error) throws SQLException {
        try (PreparedStatement ps = prepare(c, "update alerts.outbox set status = ?, attempts = ?, next_attempt_at = ?, delivered_at = ?, last_error = ? where id = ?")) {
            ps.setString(1, status);
            ps.setInt(2, attempts);
            ps.setTimestamp(3, Timestamp.from(nextAttempt));
            ps.setTimestamp(4, ts(deliveredAt));
            if (error == null) {
                ps.setNull(5, Types.VARCHAR);
            } else {
                ps.setString(5, error);
            }
            ps.setLong(6, id);
            ps.executeUpdate();
        }
    }

    /**
     * Deletes up to {@code batch} finished rows (delivered, failed, expired) stored before
     * {@code before}; pending rows are never deleted. Returns how many went.
     */
    public int purgeOutbox(Instant before, int batch) {
        return tx(c -> {
            try (PreparedStatement ps = prepare(c, "delete from alerts.outbox where id in (select id from alerts.outbox "
                    + "where status <> 'pending' and created_at < ? order by id limit ?)")) {
                ps.setTimestamp(1, Timestamp.from(before));
                ps.setInt(2, batch);
                return ps.executeUpdate();
            }
        });
    }

    public List<OutboxEntry> outbox(int limit) {
        return tx(c -> {
            List<OutboxEntry> out = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, "select id, dedup_key, receiver, event, target, status, attempts, created_at, delivered_at, last_error "
                    + "from alerts.outbox order by id desc limit ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getInt(7), rs.getTimestamp(8).toInstant(), instant(rs.getTimestamp(9)), rs.getString(10)));
                    }
                }
            }
            return out;
        });
    }

    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

package io.redset.probes.internal;

import io.redset.probes.ComponentId;
import io.redset.probes.ComponentStatus;
import io.redset.probes.DailyRollup;
import io.redset.probes.ProbeId;
import io.redset.probes.ProbeOutcome;
import io.redset.probes.ProbeResult;
import io.redset.probes.ProbeRun;
import io.redset.probes.ProbeType;
import io.redset.probes.StatusChange;
import io.redset.probes.StatusOverride;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The probes schema of the control database, in plain JDBC: raw results in day partitions, status
 * changes, overrides and daily rollups. Every statement names the schema, so the pool's search path
 * does not matter. Thread-safe (each call takes its own connection).
 */
public final class ProbeStore {

    private static final Logger log = LoggerFactory.getLogger(ProbeStore.class);

    public static final String SCHEMA = "probes";
    private static final String PARTITION_PREFIX = "probe_result_";
    private static final DateTimeFormatter PARTITION_DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter BOUND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    private final DataSource dataSource;
    private final ZoneId zone;

    public ProbeStore(DataSource dataSource, ZoneId zone) {
        this.dataSource = dataSource;
        this.zone = zone;
    }

    /** Migrates the probes schema with its own history table ({@code probes.flyway_schema_history}). */
    public static void migrate(DataSource controlDatabase) {
        Flyway.configure()
                .dataSource(controlDatabase)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/probes")
                .load()
                .migrate();
    }

    public ZoneId zone() {
        return zone;
    }

    // ------------------------------------------------------------------ writes of the result writer

    /**
     * Writes results, status changes and the removal of expired overrides in one transaction (an
     * override is removed only if it is still the one that expired, not a newer one).
     */
    public void write(List<ProbeRun> runs, List<StatusChange> changes, List<StatusOverride> overridesEnded) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!runs.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO probes.probe_result "
                            + "(at, component, probe, outcome, latency_ms, message) VALUES (?, ?, ?, ?, ?, ?)")) {
                        for (ProbeRun r : runs) {
                            ps.setTimestamp(1, Timestamp.from(r.at()));
                            ps.setString(2, r.probe().component().value());
                            ps.setString(3, r.probe().type().tag());
                            ps.setString(4, r.outcome().wireName());
                            Duration latency = r.result().latency();
                            if (latency == null || r.outcome() == ProbeOutcome.SKIPPED) {
                                ps.setNull(5, Types.DOUBLE);
                            } else {
                                ps.setDouble(5, latency.toNanos() / 1_000_000.0);
                            }
                            ps.setString(6, clean(r.result().message()));
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                if (!changes.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO probes.status_change "
                            + "(component, from_status, to_status, at, cause) VALUES (?, ?, ?, ?, ?)")) {
                        for (StatusChange ch : changes) {
                            ps.setString(1, ch.component().value());
                            ps.setString(2, ch.from() == null ? null : ch.from().wireName());
                            ps.setString(3, ch.to().wireName());
                            ps.setTimestamp(4, Timestamp.from(ch.at()));
                            ps.setString(5, clean(ch.cause()));
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                if (!overridesEnded.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "DELETE FROM probes.component_override WHERE component = ? AND set_at = ? AND expires_at = ?")) {
                        for (StatusOverride o : overridesEnded) {
                            ps.setString(1, o.component().value());
                            ps.setTimestamp(2, Timestamp.from(o.setAt()));
                            ps.setTimestamp(3, Timestamp.from(o.expiresAt()));
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    /** PostgreSQL text cannot hold NUL characters; a probe message may (a body excerpt). */
    private static String clean(String s) {
        return s == null ? "" : s.replace('\u0000', '?');
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; so is the transaction
        }
    }

    // ------------------------------------------------------------------ overrides

    public void saveOverride(StatusOverride o) {
        update("INSERT INTO probes.component_override (component, status, reason, actor, set_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (component) DO UPDATE SET status = excluded.status, "
                + "reason = excluded.reason, actor = excluded.actor, set_at = excluded.set_at, expires_at = excluded.expires_at",
                o.component().value(), o.status().wireName(), clean(o.reason()), clean(o.actor()),
                Timestamp.from(o.setAt()), Timestamp.from(o.expiresAt()));
    }

    public void deleteOverride(ComponentId component) {
        update("DELETE FROM probes.component_override WHERE component = ?", component.value());
    }

    public Map<ComponentId, StatusOverride> loadOverrides() {
        Map<ComponentId, StatusOverride> out = new TreeMap<>();
        query("SELECT component, status, reason, actor, set_at, expires_at FROM probes.component_override", rs -> {
            ComponentId id = ComponentId.of(rs.getString(1));
            out.put(id, new StatusOverride(id, ComponentStatus.ofWireName(rs.getString(2)), rs.getString(3),
                    rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()));
        });
        return out;
    }

    // ------------------------------------------------------------------ status changes

    /** The latest change of every component that has one. */
    public Map<ComponentId, StatusChange> lastChanges() {
        Map<ComponentId, StatusChange> out = new TreeMap<>();
        query("SELECT DISTINCT ON (component) component, from_status, to_status, at, cause FROM probes.status_change "
                + "ORDER BY component, at DESC, id DESC", rs -> {
            StatusChange ch = change(rs);
            out.put(ch.component(), ch);
        });
        return out;
    }

    /** The status of every component as of just before t (its latest change before t). */
    public Map<ComponentId, ComponentStatus> statusBefore(Instant t) {
        Map<ComponentId, ComponentStatus> out = new TreeMap<>();
        query("SELECT DISTINCT ON (component) component, from_status, to_status, at, cause FROM probes.status_change "
                + "WHERE at < ? ORDER BY component, at DESC, id DESC", rs -> {
            StatusChange ch = change(rs);
            out.put(ch.component(), ch.to());
        }, Timestamp.from(t));
        return out;
    }

    /** Changes after since (exclusive), of one component or of all (component null), oldest first. */
    public List<StatusChange> changesSince(ComponentId component, Instant since) {
        List<StatusChange> out = new ArrayList<>();
        if (component == null) {
            query("SELECT component, from_status, to_status, at, cause FROM probes.status_change WHERE at > ? "
                    + "ORDER BY at, id", rs -> out.add(change(rs)), Timestamp.from(since));
        } else {
            query("SELECT component, from_status, to_status, at, cause FROM probes.status_change "
                    + "WHERE component = ? AND at > ? ORDER BY at, id", rs -> out.add(change(rs)),
                    component.value(), Timestamp.from(since));
        }
        return out;
    }

    /** Changes with from <= at < to, oldest first. */
    public List<StatusChange> changesBetween(Instant from, Instant to) {
        List<StatusChange> out = new ArrayList<>();
        query("SELECT component, from_status, to_status, at, cause FROM probes.status_change WHERE at >= ? AND at < ? "
                + "ORDER BY at, id", rs -> out.add(change(rs)), Timestamp.from(from), Timestamp.from(to));
        return out;
    }

    private static StatusChange change(ResultSet rs) throws SQLException {
        String from = rs.getString(2);
        return new StatusChange(ComponentId.of(rs.getString(1)), from == null ? null : ComponentStatus.ofWireName(from),
                ComponentStatus.ofWireName(rs.getString(3)), rs.getTimestamp(4).toInstant(), rs.getString(5));
    }

    /** Deletes changes older than cutoff, except each component's latest one before it (its status at the cutoff). */
    public int deleteChangesBefore(Instant cutoff) {
        return update("DELETE FROM probes.status_change c WHERE c.at < ? AND c.id <> (SELECT max(k.id) FROM "
                + "probes.status_change k WHERE k.component = c.component AND k.at < ?)",
                Timestamp.from(cutoff), Timestamp.from(cutoff));
    }

    // ------------------------------------------------------------------ raw results

    /** Raw results of one component with from <= at < to, oldest first. */
    public List<ProbeRun> results(ComponentId component, Instant from, Instant to) {
        List<ProbeRun> out = new ArrayList<>();
        query("SELECT at, probe, outcome, latency_ms, message FROM probes.probe_result WHERE component = ? "
                + "AND at >= ? AND at < ? ORDER BY at", rs -> {
            double latency = rs.getDouble(4);
            Duration d = rs.wasNull() ? null : Duration.ofNanos(Math.round(latency * 1_000_000));
            out.add(new ProbeRun(new ProbeId(component, ProbeType.ofTag(rs.getString(2))), rs.getTimestamp(1).toInstant(),
                    new ProbeResult(ProbeOutcome.ofWireName(rs.getString(3)), d, rs.getString(5))));
        }, component.value(), Timestamp.from(from), Timestamp.from(to));
        return out;
    }

    // ------------------------------------------------------------------ day partitions

    /** Creates the result partitions of the days from..to (inclusive) that do not exist yet; returns how many. */
    public int ensurePartitions(LocalDate from, LocalDate to) {
        TreeSet<LocalDate> existing = new TreeSet<>(resultPartitions());
        int created = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (existing.contains(d)) {
                continue;
            }
            String sql = "CREATE TABLE IF NOT EXISTS probes." + partitionName(d) + " PARTITION OF probes.probe_result "
                    + "FOR VALUES FROM ('" + BOUND.format(d.atStartOfDay(zone)) + "') TO ('"
                    + BOUND.format(d.plusDays(1).atStartOfDay(zone)) + "')";
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
                created++;
            } catch (SQLException e) {
                // another node created it in the meantime, or the zone changed and the range overlaps
                if (!resultPartitions().contains(d)) {
                    log.warn("could not create the probe result partition of {}: {}", d, e.getMessage());
                }
            }
        }
        return created;
    }

    /** The days that have a result partition. */
    public List<LocalDate> resultPartitions() {
        List<LocalDate> days = new ArrayList<>();
        query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = 'probes.probe_result'::regclass ORDER BY 1", rs -> {
            String name = rs.getString(1);
            if (name.startsWith(PARTITION_PREFIX)) {
                try {
                    days.add(LocalDate.parse(name.substring(PARTITION_PREFIX.length()), PARTITION_DAY));
                } catch (RuntimeException ignored) {
                    // not one of ours
                }
            }
        });
        return days;
    }

    /** Drops the result partitions of days before the given day; returns how many. */
    public int dropPartitionsBefore(LocalDate firstKept) {
        int dropped = 0;
        for (LocalDate d : resultPartitions()) {
            if (d.isBefore(firstKept)) {
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS probes." + partitionName(d));
                    dropped++;
                } catch (SQLException e) {
                    log.warn("could not drop the probe result partition of {}: {}", d, e.getMessage());
                }
            }
        }
        return dropped;
    }

    static String partitionName(LocalDate day) {
        return PARTITION_PREFIX + PARTITION_DAY.format(day);
    }

    // ------------------------------------------------------------------ rollups

    /** Recomputes the probe rollups of one day from its raw results (upsert); returns the rows written. */
    public int rollUpProbes(LocalDate day, Instant now) {
        return update("INSERT INTO probes.daily_probe_rollup (day, component, probe, runs, ok, degraded, failed, critical, "
                + "skipped, latency_p50_ms, latency_p95_ms, updated_at) "
                + "SELECT ?, component, probe, count(*), count(*) FILTER (WHERE outcome = 'ok'), "
                + "count(*) FILTER (WHERE outcome = 'degraded'), count(*) FILTER (WHERE outcome = 'failed'), "
                + "count(*) FILTER (WHERE outcome = 'critical'), count(*) FILTER (WHERE outcome = 'skipped'), "
                + "percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms), "
                + "percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms), ? "
                + "FROM probes.probe_result WHERE at >= ? AND at < ? GROUP BY component, probe "
                + "ON CONFLICT (day, component, probe) DO UPDATE SET runs = excluded.runs, ok = excluded.ok, "
                + "degraded = excluded.degraded, failed = excluded.failed, critical = excluded.critical, "
                + "skipped = excluded.skipped, latency_p50_ms = excluded.latency_p50_ms, "
                + "latency_p95_ms = excluded.latency_p95_ms, updated_at = excluded.updated_at",
                Date.valueOf(day), Timestamp.from(now), Timestamp.from(day.atStartOfDay(zone).toInstant()),
                Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()));
    }

    /** Saves one component's day (upsert). */
    public void saveComponentDay(ComponentId component, LocalDate day, Map<ComponentStatus, Long> seconds,
                                 ComponentStatus worst, Double uptimePercent, Instant now) {
        long observed = seconds.values().stream().mapToLong(Long::longValue).sum();
        update("INSERT INTO probes.daily_component_rollup (day, component, observed_seconds, operational_seconds, "
                + "maintenance_seconds, degraded_seconds, partial_seconds, major_seconds, worst_status, uptime_percent, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day, component) DO UPDATE SET "
                + "observed_seconds = excluded.observed_seconds, operational_seconds = excluded.operational_seconds, "
                + "maintenance_seconds = excluded.maintenance_seconds, degraded_seconds = excluded.degraded_seconds, "
                + "partial_seconds = excluded.partial_seconds, major_seconds = excluded.major_seconds, "
                + "worst_status = excluded.worst_status, uptime_percent = excluded.uptime_percent, "
                + "updated_at = excluded.updated_at",
                Date.valueOf(day), component.value(), (int) observed,
                seconds(seconds, ComponentStatus.OPERATIONAL), seconds(seconds, ComponentStatus.UNDER_MAINTENANCE),
                seconds(seconds, ComponentStatus.DEGRADED_PERFORMANCE), seconds(seconds, ComponentStatus.PARTIAL_OUTAGE),
                seconds(seconds, ComponentStatus.MAJOR_OUTAGE), worst == null ? null : worst.wireName(),
                uptimePercent == null ? null : java.math.BigDecimal.valueOf(uptimePercent).setScale(3, java.math.RoundingMode.HALF_UP),
                Timestamp.from(now));
    }

    private static int seconds(Map<ComponentStatus, Long> seconds, ComponentStatus s) {
        return seconds.getOrDefault(s, 0L).intValue();
    }

    /** Rollups of the days from..to (inclusive), of one component or all (component null), by component then day. */
    public List<DailyRollup> rollups(ComponentId component, LocalDate from, LocalDate to) {
        String filter = component == null ? "" : " AND component = ?";
        Object[] args = component == null
                ? new Object[] {Date.valueOf(from), Date.valueOf(to)}
                : new Object[] {Date.valueOf(from), Date.valueOf(to), component.value()};
        Map<String, List<DailyRollup.ProbeDay>> probeDays = new LinkedHashMap<>();
        query("SELECT day, component, probe, runs, ok, degraded, failed, critical, skipped, latency_p50_ms, latency_p95_ms "
                + "FROM probes.daily_probe_rollup WHERE day BETWEEN ? AND ?" + filter + " ORDER BY component, day, probe", rs -> {
            String key = rs.getString(2) + "|" + rs.getDate(1).toLocalDate();
            probeDays.computeIfAbsent(key, k -> new ArrayList<>()).add(new DailyRollup.ProbeDay(
                    ProbeType.ofTag(rs.getString(3)), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8),
                    rs.getInt(9), nullableDouble(rs, 10), nullableDouble(rs, 11)));
        }, args);
        Map<String, DailyRollup> out = new TreeMap<>();
        query("SELECT day, component, observed_seconds, operational_seconds, maintenance_seconds, degraded_seconds, "
                + "partial_seconds, major_seconds, worst_status, uptime_percent FROM probes.daily_component_rollup "
                + "WHERE day BETWEEN ? AND ?" + filter, rs -> {
            LocalDate day = rs.getDate(1).toLocalDate();
            String key = rs.getString(2) + "|" + day;
            Map<ComponentStatus, Long> seconds = new EnumMap<>(ComponentStatus.class);
            seconds.put(ComponentStatus.OPERATIONAL, rs.getLong(4));
            seconds.put(ComponentStatus.UNDER_MAINTENANCE, rs.getLong(5));
            seconds.put(ComponentStatus.DEGRADED_PERFORMANCE, rs.getLong(6));
            seconds.put(ComponentStatus.PARTIAL_OUTAGE, rs.getLong(7));
            seconds.put(ComponentStatus.MAJOR_OUTAGE, rs.getLong(8));
            String worst = rs.getString(9);
            out.put(key, new DailyRollup(ComponentId.of(rs.getString(2)), day, rs.getLong(3), seconds,
                    worst == null ? null : ComponentStatus.ofWireName(worst), nullableDouble(rs, 10),
                    probeDays.getOrDefault(key, List.of())));
        }, args);
        // probe rows without a component row (no status recorded that day)
        probeDays.forEach((key, days) -> out.computeIfAbsent(key, k -> {
            String[] parts = k.split("\\|");
            return new DailyRollup(ComponentId.of(parts[0]), LocalDate.parse(parts[1]), 0, Map.of(), null, null, days);
        }));
        return new ArrayList<>(out.values());
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    public int deleteRollupsBefore(LocalDate firstKept) {
        return update("DELETE FROM probes.daily_probe_rollup WHERE day < ?", Date.valueOf(firstKept))
                + update("DELETE FROM probes.daily_component_rollup WHERE day < ?", Date.valueOf(firstKept));
    }

    // ------------------------------------------------------------------ plumbing

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowReader reader, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("probes store: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("probes store: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
    }
}

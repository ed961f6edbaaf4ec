package io.redset.web.audit;

import io.redset.engine.ClaimEngine;
import io.redset.engine.InvalidInputException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail of every change made by a person: who, when, what (an action such as
 * {@code set.mode} on a target such as {@code SET 03}), the value before and after, the reason
 * given, and the client address. Stored in the control database ({@code admin.audit_log}), shared
 * by every node; rows are only ever added.
 *
 * <p>Texts are stored as given (within their bounds: longer values are cut and marked, never
 * refused, because the change itself already happened) and are shown as text by every reader.
 *
 * <p>Concurrency: stateless; thread-safe.
 */
@Component
public final class AuditLog {

    static final int MAX_VALUE = 4000;
    static final int MAX_LIMIT = 1000;

    private final JdbcClient jdbc;
    private final Clock clock;

    /** The engine's clock when there is an engine (tests move it), else the system's. */
    public AuditLog(JdbcClient jdbc, ObjectProvider<ClaimEngine> engine) {
        this.jdbc = jdbc;
        ClaimEngine e = engine.getIfAvailable();
        this.clock = e == null ? Clock.systemUTC() : e.config().clock();
    }

    /**
     * One change by the signed-in user of the current request (its address is the client), or by
     * {@code system} when there is none.
     */
    public AuditEntry record(String action, String target, Object before, Object after, String reason) {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        String actor = who == null || !who.isAuthenticated() || who.getName() == null ? "system" : who.getName();
        String client = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
            client = a.getRequest().getRemoteAddr();
        }
        return record(actor, client, action, target, before, after, reason);
    }

    public AuditEntry record(String actor, String client, String action, String target, Object before, Object after,
                             String reason) {
        Instant at = clock.instant();
        long id = jdbc.sql("""
                        INSERT INTO admin.audit_log (at, actor, action, target, before_value, after_value, reason, client)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(Timestamp.from(at), cut(actor, 200), action, cut(target, 200), value(before), value(after),
                        cut(reason, 1000), cut(client, 100))
                .query(Long.class).single();
        return new AuditEntry(id, at, cut(actor, 200), action, cut(target, 200), value(before), value(after),
                cut(reason, 1000), cut(client, 100));
    }

    /** Newest first. */
    public List<AuditEntry> find(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor, action, target, before_value, after_value, reason, client "
                + "FROM admin.audit_log WHERE true");
        List<Object> params = new ArrayList<>();
        if (q.actor() != null) {
            sql.append(" AND actor = ?");
            params.add(q.actor());
        }
        if (q.actionPrefix() != null) {
            sql.append(" AND (action = ? OR action LIKE ?)");
            params.add(q.actionPrefix());
            params.add(q.actionPrefix().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%");
        }
        if (q.target() != null) {
            sql.append(" AND target = ?");
            params.add(q.target());
        }
        if (q.since() != null) {
            sql.append(" AND at >= ?");
            params.add(Timestamp.from(q.since()));
        }
        if (q.until() != null) {
            sql.append(" AND at < ?");
            params.add(Timestamp.from(q.until()));
        }
        if (q.beforeId() != null) {
            sql.append(" AND id < ?");
            params.add(q.beforeId());
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        params.add(q.limit());
        return jdbc.sql(sql.toString()).params(params).query(AuditLog::entry).list();
    }

    private static AuditEntry entry(ResultSet rs, int n) throws SQLException {
        return new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }

    private static String value(Object v) {
        return v == null ? null : cut(String.valueOf(v), MAX_VALUE);
    }

    private static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    /**
     * A search of the trail.
     *
     * @param actionPrefix an action ({@code set.mode}) or a family of them ({@code set})
     * @param beforeId     for paging: only rows older than this id
     */
    public record AuditQuery(String actor, String actionPrefix, String target, Instant since, Instant until, Long beforeId,
                             int limit) {
        public AuditQuery {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidInputException("limit", "must be 1.." + MAX_LIMIT);
            }
            if (since != null && until != null && !since.isBefore(until)) {
                throw new InvalidInputException("since", "must be before until");
            }
        }

        public static AuditQuery latest(int limit) {
            return new AuditQuery(null, null, null, null, null, null, limit);
        }
    }
}

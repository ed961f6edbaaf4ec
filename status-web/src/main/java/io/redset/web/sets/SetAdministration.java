package io.redset.web.sets;

import io.redset.engine.ClaimEngine;
import io.redset.engine.InvalidInputException;
import io.redset.engine.SetId;
import io.redset.engine.SetLimits;
import io.redset.engine.SetMode;
import io.redset.engine.SetView;
import io.redset.web.audit.AuditLog;
import io.redset.web.status.StatusService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one way a person changes a SET, whether through the admin API or the console: the mode with
 * a required reason, optionally for a while only (an automatic return to NORMAL, shared by all
 * nodes in {@code admin.set_mode_return}), and the live limits. Each change is applied by the
 * engine (stored first), put in the audit trail with the value before and after, and pushed to the
 * public status snapshot at once (the page shows it within its poll interval).
 *
 * <p>Concurrency: stateless; the engine orders concurrent changes of one SET, and a due return is
 * taken by one node only (the row is deleted by whoever gets it first).
 */
@Component
public final class SetAdministration {

    static final int MAX_REASON_LENGTH = 200;

    static final Duration MAX_RETURN = Duration.ofDays(7);
    public static final String SYSTEM = "system";

    private final ClaimEngine engine;
    private final AuditLog audit;
    private final StatusService status;
    private final JdbcClient jdbc;

    public SetAdministration(ClaimEngine engine, AuditLog audit, StatusService status, JdbcClient jdbc) {
        this.engine = engine;
        this.audit = audit;
        this.status = status;
        this.jdbc = jdbc;
    }

    /** A pending automatic return to NORMAL. */
    public record ModeReturn(SetId set, Instant at, SetMode mode, String setBy) {
    }

    /**
     * @param client the client address, for the audit trail
     * @throws InvalidInputException naming {@code reason} (blank, too long, control characters) or {@code mode}
     */
    public SetView switchMode(SetId set, SetMode mode, String reason, String actor, String client) {
        return switchMode(set, mode, reason, null, actor, client);
    }

    /**
     * @param returnAfter null: the mode stays until someone changes it; else the SET goes back to
     *                    NORMAL by itself after this long (not for NORMAL itself; at most 7 days)
     * @throws InvalidInputException naming {@code reason}, {@code mode} or {@code returnToNormalAfter}
     */
    public SetView switchMode(SetId set, SetMode mode, String reason, Duration returnAfter, String actor, String client) {
        if (returnAfter != null && (mode == SetMode.NORMAL || returnAfter.isNegative() || returnAfter.isZero()
                || returnAfter.compareTo(MAX_RETURN) > 0)) {
            throw new InvalidInputException("returnToNormalAfter", mode == SetMode.NORMAL
                    ? "makes no sense for NORMAL" : "must be a positive duration of at most 7 days, e.g. PT1H");
        }
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty()) {
            throw new InvalidInputException("reason", "must not be blank: say why the mode changes");
        }
        if (r.length() > MAX_REASON_LENGTH) {
            throw new InvalidInputException("reason", "must be at most " + MAX_REASON_LENGTH + " characters");
        }
        if (r.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("reason", "must not contain control characters");
        }
        SetMode before = engine.mode(set);
        engine.setMode(set, mode, r, actor);
        jdbc.sql("DELETE FROM admin.set_mode_return WHERE set_index = ?").param(set.index()).update();
        Instant now = engine.config().clock().instant();
        String after = mode.name();
        if (returnAfter != null) {
            Instant at = now.plus(returnAfter);
            jdbc.sql("INSERT INTO admin.set_mode_return (set_index, return_at, mode, set_by, set_at) VALUES (?, ?, ?, ?, ?)")
                    .params(set.index(), Timestamp.from(at), mode.name(), actor, Timestamp.from(now)).update();
            after = mode.name() + " until " + at;
        }
        audit.record(actor, client, "set.mode", "SET " + set, before, after, r);
        status.requestRefresh();
        return engine.set(set);
    }

    /** The pending automatic returns, soonest first. */
    public List<ModeReturn> pendingReturns() {
        return jdbc.sql("SELECT set_index, return_at, mode, set_by FROM admin.set_mode_return ORDER BY return_at")
                .query((rs, n) -> new ModeReturn(SetId.of(rs.getInt(1)), rs.getTimestamp(2).toInstant(),
                        SetMode.valueOf(rs.getString(3)), rs.getString(4))).list();
    }

    public Optional<ModeReturn> pendingReturn(SetId set) {
        return pendingReturns().stream().filter(r -> r.set().equals(set)).findFirst();
    }

    /**
     * Returns every SET whose time is up to NORMAL (audited as {@code system}); each due row is
     * deleted by exactly one caller on any node, which then switches the SET, unless someone has
     * switched it to another mode meanwhile. Returns how many SETs it returned.
     */
    public int returnDue() {
        Instant now = engine.config().clock().instant();
        List<ModeReturn> due = jdbc.sql("DELETE FROM admin.set_mode_return WHERE return_at <= ? "
                        + "RETURNING set_index, return_at, mode, set_by")
                .param(Timestamp.from(now))
                .query((rs, n) -> new ModeReturn(SetId.of(rs.getInt(1)), rs.getTimestamp(2).toInstant(),
                        SetMode.valueOf(rs.getString(3)), rs.getString(4))).list();
        int returned = 0;
        for (ModeReturn r : due) {
            SetMode before = engine.mode(r.set());
            if (before != r.mode()) {
                continue; // someone switched it meanwhile: their choice stands
            }
            returned++;
            String reason = "automatic return to NORMAL: " + r.mode() + " was set by " + r.setBy() + " until " + r.at();
            engine.setMode(r.set(), SetMode.NORMAL, reason.length() > MAX_REASON_LENGTH
                    ? reason.substring(0, MAX_REASON_LENGTH) : reason, SYSTEM);
            audit.record(SYSTEM, null, "set.mode", "SET " + r.set(), before, SetMode.NORMAL, reason);
        }
        if (returned > 0) {
            status.requestRefresh();
        }
        return returned;
    }

    /**
     * Every SET in NORMAL or DEGRADED goes to SEND_PAUSED (READ_ONLY, OFFLINE and SEND_PAUSED ones
     * stay as they are), each audited; returns the SETs that changed.
     */
    public List<SetId> pauseSendsEverywhere(String reason, String actor, String client) {
        List<SetId> paused = new java.util.ArrayList<>();
        for (SetView v : engine.sets()) {
            if (v.mode() == SetMode.NORMAL || v.mode() == SetMode.DEGRADED) {
                switchMode(v.set(), SetMode.SEND_PAUSED, reason, null, actor, client);
                paused.add(v.set());
            }
        }
        return paused;
    }

    public SetView updateLimits(SetId set, SetLimits limits, String actor, String client) {
        SetLimits before = engine.limits(set);
        engine.updateLimits(set, limits);
        audit.record(actor, client, "set.limits", "SET " + set, before, limits, null);
        return engine.set(set);
    }
}

package io.redset.web.sets;

import io.redset.engine.ModeChange;
import io.redset.engine.ModeStore;
import io.redset.engine.SetId;
import io.redset.engine.SetMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps SET modes in the control database ({@code admin.set_mode_change}): every change is a new
 * row, so the table is also the audit trail; the last row of each SET is its mode after a restart.
 */
@Component
class ControlDatabaseModeStore implements ModeStore {

    private final JdbcClient jdbc;

    public ControlDatabaseModeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<SetId, ModeChange> load() {
        List<ModeChange> latest = jdbc.sql("""
                        SELECT DISTINCT ON (set_index) set_index, mode, reason, actor, changed_at
                        FROM admin.set_mode_change
                        ORDER BY set_index, changed_at DESC, id DESC""")
                .query((rs, n) -> new ModeChange(SetId.of(rs.getInt("set_index")), SetMode.valueOf(rs.getString("mode")),
                        rs.getString("reason"), rs.getString("actor"), rs.getTimestamp("changed_at").toInstant()))
                .list();
        Map<SetId, ModeChange> bySet = new HashMap<>();
        latest.forEach(change -> bySet.put(change.set(), change));
        return bySet;
    }

    @Override
    public void save(ModeChange change) {
        jdbc.sql("""
                        INSERT INTO admin.set_mode_change (set_index, mode, reason, actor, changed_at)
                        VALUES (:set, :mode, :reason, :actor, :at)""")
                .param("set", change.set().index())
                .param("mode", change.mode().name())
                .param("reason", change.reason() == null ? "" : change.reason())
                .param("actor", change.actor() == null || change.actor().isBlank() ? "system" : change.actor())
                .param("at", Timestamp.from(change.at()))
                .update();
    }

    /** The most recent changes of all SETs, newest first, for the audit log. */
    public List<ModeChange> history(int limit) {
        return jdbc.sql("""
                        SELECT set_index, mode, reason, actor, changed_at FROM admin.set_mode_change
                        ORDER BY changed_at DESC, id DESC LIMIT :limit""")
                .param("limit", limit)
                .query((rs, n) -> new ModeChange(SetId.of(rs.getInt("set_index")), SetMode.valueOf(rs.getString("mode")),
                        rs.getString("reason"), rs.getString("actor"), rs.getTimestamp("changed_at").toInstant()))
                .list();
    }
}

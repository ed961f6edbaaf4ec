package io.redset.web.db;

import io.redset.engine.SetId;
import io.redset.web.RedSetProperties;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where the control database and the database of each SET this node serves are. In the embedded
 * setup it also owns the embedded server, so closing the topology (after the pools that use it)
 * stops PostgreSQL.
 */
public final class DatabaseTopology implements AutoCloseable {

    public static final String CONTROL_DATABASE = "redset_control";

    private final JdbcTarget control;
    private final Map<SetId, JdbcTarget> sets;
    private final EmbeddedPostgresServer embedded;

    private DatabaseTopology(JdbcTarget control, Map<SetId, JdbcTarget> sets, EmbeddedPostgresServer embedded) {
        this.control = control;
        this.sets = Collections.unmodifiableMap(new TreeMap<>(sets));
        this.embedded = embedded;
    }

    /** The database name of a SET: {@code redset_set_03}. */
    public static String setDatabase(SetId set) {
        return "redset_set_" + set.tag();
    }

    public static DatabaseTopology from(RedSetProperties p) {
        return p.embedded().enabled() ? embedded(p) : external(p);
    }

    /** Starts the embedded server and creates the control database and every SET's database. */
    static DatabaseTopology embedded(RedSetProperties p) {
        int count = p.sets().count();
        List<String> databases = new ArrayList<>();
        databases.add(CONTROL_DATABASE);
        for (int i = 0; i < count; i++) {
            databases.add(setDatabase(SetId.of(i)));
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(p.embedded().dataDir(), p.embedded().port(), databases);
        Map<SetId, JdbcTarget> sets = new TreeMap<>();
        for (SetId set : p.node().ownedSets(count)) {
            sets.put(set, new JdbcTarget(server.jdbcUrl(setDatabase(set)), null, null));
        }
        return new DatabaseTopology(new JdbcTarget(server.jdbcUrl(CONTROL_DATABASE), null, null), sets, server);
    }

    /** The external databases named by {@code redset.control.*} and {@code redset.sets.urls[N]}. */
    static DatabaseTopology external(RedSetProperties p) {
        RedSetProperties.Control c = p.control();
        if (c.url() == null || c.url().isBlank()) {
            throw new IllegalArgumentException("redset.control.url is required when redset.embedded.enabled=false");
        }
        Set<SetId> owned = p.node().ownedSets(p.sets().count());
        Map<SetId, JdbcTarget> sets = new TreeMap<>();
        for (SetId set : owned) {
            String url = p.sets().urls().get(set.index());
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("redset.sets.urls[" + set.index() + "] is required when"
                        + " redset.embedded.enabled=false: this node serves SET " + set + " (redset.node.owned-sets="
                        + p.node().ownedSets() + ")");
            }
            sets.put(set, new JdbcTarget(url, p.sets().username(), p.sets().password()));
        }
        return new DatabaseTopology(new JdbcTarget(c.url(), c.username(), c.password()), sets, null);
    }

    public JdbcTarget control() {
        return control;
    }

    /** The databases of the SETs this node serves. */
    public Map<SetId, JdbcTarget> sets() {
        return sets;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}

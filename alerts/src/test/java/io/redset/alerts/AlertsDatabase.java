package io.redset.alerts;

import com.zaxxer.hikari.HikariDataSource;
import io.redset.engine.testing.EmbeddedPostgresServer;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A fresh control database on the shared embedded PostgreSQL, for one test class or test. */
public final class AlertsDatabase implements AutoCloseable {

    private final HikariDataSource pool;

    public AlertsDatabase() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
        pool = server.pool(server.createDatabase("alerts"), 4);
    }

    public DataSource dataSource() {
        return pool;
    }

    public List<Object[]> query(String sql, Object... args) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql, Object... args) {
        return ((Number) query(sql, args).get(0)[0]).longValue();
    }

    @Override
    public void close() {
        pool.close();
    }
}

package io.redset.engine.testing;

import com.zaxxer.hikari.HikariDataSource;

import java.util.List;
import javax.sql.DataSource;

/**
 * A fresh control database on the shared embedded PostgreSQL, with a small pool: what the probes,
 * alerts and status modules keep their schemas in.
 */
public final class ControlDatabase implements AutoCloseable {

    private final HikariDataSource pool;

    public ControlDatabase() {
        TestPostgres server = TestPostgres.shared();
        pool = server.pool(server.createDatabase("control"), 4);
    }

    public DataSource dataSource() {
        return pool;
    }

    /** All rows of a query, columns as objects. */
    public List<Object[]> query(String sql, Object... args) {
        return EngineFixture.query(pool, sql, args);
    }

    public long count(String sql, Object... args) {
        return ((Number) query(sql, args).get(0)[0]).longValue();
    }

    @Override
    public void close() {
        pool.close();
    }
}

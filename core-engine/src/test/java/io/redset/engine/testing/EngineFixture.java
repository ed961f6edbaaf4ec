package io.redset.engine.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.redset.engine.ClaimEngine;
import io.redset.engine.EngineConfig;
import io.redset.engine.SetId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Fresh SET databases on the shared embedded server, and an engine over them that tests can stop
 * and start again on the same databases (a restart).
 */
public final class EngineFixture implements AutoCloseable {

    private final Map<SetId, HikariDataSource> pools = new LinkedHashMap<>();
    private final Map<SetId, java.util.concurrent.atomic.AtomicLong> connectionsTaken = new LinkedHashMap<>();
    private final UnaryOperator<EngineConfig.Builder> configurer;
    private final int setCount;
    private ClaimEngine engine;

    public EngineFixture(int setCount, int poolSize, UnaryOperator<EngineConfig.Builder> configurer) {
        this.setCount = setCount;
        this.configurer = configurer;
        TestPostgres server = TestPostgres.shared();
        for (int i = 0; i < setCount; i++) {
            String db = server.createDatabase("set" + String.format("%02d", i));
            pools.put(SetId.of(i), server.pool(db, poolSize));
        }
    }

    public ClaimEngine start() {
        EngineConfig config = configurer.apply(EngineConfig.custom().setCount(setCount)).build();
        Map<SetId, DataSource> counted = new LinkedHashMap<>();
        pools.forEach((set, pool) -> {
            java.util.concurrent.atomic.AtomicLong n = connectionsTaken.computeIfAbsent(set,
                    s -> new java.util.concurrent.atomic.AtomicLong());
            counted.put(set, countingConnections(pool, n));
        });
        engine = ClaimEngine.start(config, counted);
        return engine;
    }

    /** How many connections the engine has taken from the SET's pool so far (every query takes one). */
    public long connectionsTaken(SetId set) {
        return connectionsTaken.get(set).get();
    }

    private static DataSource countingConnections(DataSource pool, java.util.concurrent.atomic.AtomicLong taken) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        taken.incrementAndGet();
                    }
                    try {
                        return method.invoke(pool, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    public ClaimEngine restart() {
        engine.close();
        return start();
    }

    public ClaimEngine engine() {
        return engine;
    }

    public DataSource pool(SetId set) {
        return pools.get(set);
    }

    public Map<SetId, ? extends DataSource> pools() {
        return pools;
    }

    /** Runs a query on every SET database and returns all rows, columns as objects. */
    public List<Object[]> queryAll(String sql) {
        List<Object[]> rows = new ArrayList<>();
        for (DataSource ds : pools.values()) {
            rows.addAll(query(ds, sql));
        }
        return rows;
    }

    public static List<Object[]> query(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
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

    public long countAll(String sql) {
        long n = 0;
        for (Object[] row : queryAll(sql)) {
            n += ((Number) row[0]).longValue();
        }
        return n;
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        pools.values().forEach(HikariDataSource::close);
    }
}

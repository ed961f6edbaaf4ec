package io.redset.web.db;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.redset.engine.SetId;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HikariCP pool per SET this node serves, named {@code set-03}. SETs share nothing, so neither
 * do their pools. The connection timeout is short: a dead SET answers "unavailable" quickly
 * instead of holding request threads, and a SET that is down at startup does not stop the others
 * (its pool starts empty and connects when the database comes back).
 */
public final class SetPools implements AutoCloseable {

    private final Map<SetId, HikariDataSource> pools;

    private SetPools(Map<SetId, HikariDataSource> pools) {
        this.pools = Collections.unmodifiableMap(pools);
    }

    public static SetPools open(Map<SetId, JdbcTarget> targets, int poolSize, Duration connectionTimeout,
                                MeterRegistry meterRegistry) {
        Map<SetId, HikariDataSource> pools = new TreeMap<>();
        try {
            targets.forEach((set, target) -> pools.put(set, new HikariDataSource(
                    PoolSettings.hikari("set-" + set.tag(), target, poolSize, connectionTimeout, meterRegistry))));
        } catch (RuntimeException e) {
            pools.values().forEach(HikariDataSource::close);
            throw e;
        }
        return new SetPools(pools);
    }

    /** The pools by SET, as the engine takes them. */
    public Map<SetId, DataSource> dataSources() {
        return Collections.unmodifiableMap(new TreeMap<SetId, DataSource>(pools));
    }

    public DataSource dataSource(SetId set) {
        HikariDataSource pool = pools.get(set);
        if (pool == null) {
            throw new IllegalArgumentException("this node has no pool for SET " + set);
        }
        return pool;
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
    }
}

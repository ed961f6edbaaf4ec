package io.redset.web.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
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
                    config("set-" + set.tag(), target, poolSize, connectionTimeout, meterRegistry))));
        } catch (RuntimeException e) {
            pools.values().forEach(HikariDataSource::close);
            throw e;
        }
        return new SetPools(pools);
    }

    /** The settings shared by the SET pools and the control pool. */
    static HikariConfig config(String name, JdbcTarget target, int poolSize, Duration connectionTimeout,
                               MeterRegistry meterRegistry) {
        HikariConfig c = new HikariConfig();
        c.setPoolName(name);
        c.setJdbcUrl(target.url());
        if (target.username() != null) {
            c.setUsername(target.username());
        }
        if (target.password() != null) {
            c.setPassword(target.password());
        }
        c.setMaximumPoolSize(poolSize);
        c.setMinimumIdle(Math.min(2, poolSize));
        c.setConnectionTimeout(connectionTimeout.toMillis());
        c.setValidationTimeout(Math.min(1_000, connectionTimeout.toMillis()));
        c.setInitializationFailTimeout(-1);
        c.addDataSourceProperty("ApplicationName", "redset-" + name);
        c.addDataSourceProperty("connectTimeout", "2");
        c.addDataSourceProperty("tcpKeepAlive", "true");
        if (meterRegistry != null) {
            c.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meterRegistry));
        }
        return c;
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

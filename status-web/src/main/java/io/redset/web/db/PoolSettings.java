package io.redset.web.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;

/**
 * The HikariCP settings shared by the SET pools and the control pool: few idle connections (the
 * embedded server holds every database, and idle backends cost memory), the pool's name as the
 * PostgreSQL application name (visible in pg_stat_activity), a short TCP connect timeout, and no
 * failure at creation when the database is down (the pool connects when it comes back).
 */
final class PoolSettings {

    private PoolSettings() {
    }

    /** @param meterRegistry null when Spring Boot binds the pool's metrics itself */
    static HikariConfig hikari(String name, JdbcTarget target, int poolSize, Duration connectionTimeout,
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
}

package io.redset.web.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.redset.web.RedSetProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Duration;

/**
 * The databases: the topology (embedded server or external URLs), the control pool as Spring's
 * primary DataSource (Flyway migrates its {@code admin} schema) and one pool per SET for the engine.
 * Shutdown runs in reverse: engine, pools, then the embedded server.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    public DatabaseTopology databaseTopology(RedSetProperties properties) {
        return DatabaseTopology.from(properties);
    }

    @Bean(destroyMethod = "close")
    @Primary
    public HikariDataSource dataSource(DatabaseTopology topology, RedSetProperties properties) {
        HikariConfig c = PoolSettings.hikari("control", topology.control(), properties.control().poolSize(),
                Duration.ofSeconds(5), null);
        c.setInitializationFailTimeout(1); // the control database is required: fail startup without it
        return new HikariDataSource(c);
    }

    @Bean(destroyMethod = "close")
    public SetPools setPools(DatabaseTopology topology, RedSetProperties properties, MeterRegistry meterRegistry) {
        RedSetProperties.Sets sets = properties.sets();
        return SetPools.open(topology.sets(), sets.poolSize(), sets.connectionTimeout(), meterRegistry);
    }
}

package io.redset.web.status;

import io.redset.engine.ClaimEngine;
import io.redset.probes.ComponentHealth;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import javax.sql.DataSource;

/**
 * Wires the status page: migrates schema {@code status} of the control database (the primary
 * DataSource) with its own Flyway history, starts the {@link StatusService} on the probes' component
 * health (when probes run) and the engine's clock, and hands the active maintenances to the probes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StatusProperties.class)
class StatusConfiguration {

    /** Primary: the probes read maintenance windows from here rather than from their in-memory default. */
    @Bean
    @Primary
    public StatusMaintenanceWindows statusMaintenanceWindows() {
        return new StatusMaintenanceWindows();
    }

    @Bean(destroyMethod = "close")
    public StatusService statusService(DataSource dataSource, ObjectProvider<ComponentHealth> health,
                                       ObjectProvider<ClaimEngine> engine, StatusProperties properties,
                                       StatusMaintenanceWindows windows) {
        StatusStore.migrate(dataSource);
        ClaimEngine claimEngine = engine.getIfAvailable();
        Clock clock = claimEngine == null ? Clock.systemUTC() : claimEngine.config().clock();
        return new StatusService(new StatusStore(dataSource), health.getIfAvailable(), properties, clock, windows).start();
    }
}

package io.redset.web.probes;

import io.micrometer.core.instrument.MeterRegistry;
import io.redset.engine.ClaimEngine;
import io.redset.probes.ComponentHealth;
import io.redset.probes.MaintenanceCalendar;
import io.redset.probes.MaintenanceWindows;
import io.redset.probes.Probes;
import io.redset.probes.ProbesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * Starts the probes on the claim engine and the control database (the primary DataSource; the
 * probes migrate their own {@code probes} schema, apart from Spring's Flyway). The bean depends on
 * the engine and the pools, so it stops first. {@code redset.probes.enabled=false} leaves it out.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProbesProperties.class)
@ConditionalOnBooleanProperty(name = "redset.probes.enabled", matchIfMissing = true)
class ProbesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProbesConfiguration.class);

    /** Where maintenance windows come from until the status module keeps them in the control database. */
    @Bean
    @ConditionalOnMissingBean(MaintenanceWindows.class)
    public MaintenanceCalendar maintenanceCalendar() {
        return new MaintenanceCalendar();
    }

    @Bean(destroyMethod = "close")
    public Probes probes(ProbesProperties properties, ClaimEngine engine, DataSource dataSource,
                         MeterRegistry meterRegistry, MaintenanceWindows maintenance) {
        ProbesConfig config = ProbesSettings.toProbesConfig(properties, engine.config().zone(), meterRegistry, maintenance);
        Probes probes = Probes.start(config, engine, dataSource);
        log.info("Probes started: {} probes, {} components", probes.registry().size(), probes.components().size());
        return probes;
    }

    /** What the status page and the alerts read. */
    @Bean
    public ComponentHealth componentHealth(Probes probes) {
        return probes.health();
    }
}

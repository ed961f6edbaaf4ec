package io.redset.web.alerts;

import io.micrometer.core.instrument.MeterRegistry;
import io.redset.alerts.Alerts;
import io.redset.alerts.AlertsConfig;
import io.redset.web.status.StatusProperties;
import io.redset.alerts.RequestCounters;
import io.redset.engine.ClaimEngine;
import io.redset.probes.ComponentHealth;
import io.redset.probes.MaintenanceWindows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * Starts the alerts on the engine's request counters, the probes' component health (when probes
 * run) and the control database (the primary DataSource; the module migrates its own {@code alerts}
 * schema). The {@link Alerts} bean runs the evaluator and the outbox sender and stops them on close,
 * before the engine and the pools it depends on. {@code redset.alerts.enabled=false} leaves it out.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertsProperties.class)
@ConditionalOnBooleanProperty(name = "redset.alerts.enabled", matchIfMissing = true)
class AlertsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertsConfiguration.class);

    @Bean(destroyMethod = "close")
    public Alerts alerts(AlertsProperties properties, ClaimEngine engine, DataSource dataSource, MeterRegistry meterRegistry,
                         ObjectProvider<ComponentHealth> health, ObjectProvider<MaintenanceWindows> maintenance,
                         ObjectProvider<StatusProperties> status) {
        AlertsConfig config = AlertsSettings.toAlertsConfig(properties, meterRegistry, maintenance.getIfAvailable());
        StatusProperties page = status.getIfAvailable();
        if (page != null) {
            // subscriber webhooks are checked again before every send, unless the page allows private ones
            config = AlertsConfig.from(config).privateMessageTargets(page.allowPrivateWebhooks()).build();
        }
        Alerts alerts = Alerts.start(config, RequestCounters.of(engine.config().meterRegistry()), health.getIfAvailable(), dataSource);
        log.info("Alerts started: {} rules, {} receivers, every {}", alerts.rules().size(), config.receivers().size(),
                config.evaluationInterval());
        return alerts;
    }
}

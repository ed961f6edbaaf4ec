package io.redset.web.status;

import io.redset.alerts.Alerts;
import io.redset.engine.ClaimEngine;
import io.redset.probes.ComponentHealth;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * Wires the status page: migrates schema {@code status} of the control database (the primary
 * DataSource) with its own Flyway history, starts the {@link StatusService} on the probes' component
 * health (when probes run) and the engine's clock, and hands the active maintenances to the probes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StatusProperties.class)
public class StatusConfiguration {

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

    /** Serves the public API and feeds from the snapshot, ahead of the security filter chain. */
    @Bean
    public FilterRegistrationBean<SnapshotResponses> snapshotResponses(StatusService status, StatusProperties properties) {
        FilterRegistrationBean<SnapshotResponses> registration =
                new FilterRegistrationBean<>(new SnapshotResponses(status, properties));
        registration.addUrlPatterns("/api/v2/*", "/history.atom", "/history.rss", "/badge/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setName("statusSnapshotResponses");
        return registration;
    }

    /**
     * Subscriber notices go through the alerts outbox; with the alerts switched off
     * ({@code redset.alerts.enabled=false}) no subscription is offered.
     */
    @Bean(destroyMethod = "close")
    public SubscriptionService subscriptionService(DataSource dataSource, StatusService status, ObjectProvider<Alerts> alerts,
                                                   ObjectProvider<ClaimEngine> engine, StatusProperties properties,
                                                   ObjectProvider<ComponentHealth> health) {
        Alerts outbox = alerts.getIfAvailable();
        SubscriptionDelivery delivery = outbox == null ? SubscriptionDelivery.none()
                : new OutboxSubscriptionDelivery(outbox, properties.subscriptionEmailReceiver());
        ClaimEngine claimEngine = engine.getIfAvailable();
        Clock clock = claimEngine == null ? Clock.systemUTC() : claimEngine.config().clock();
        return new SubscriptionService(dataSource, status, delivery, clock, properties.allowPrivateWebhooks(),
                properties.subscribeLimit().limits(), health.getIfAvailable()).startSweeping();
    }
}

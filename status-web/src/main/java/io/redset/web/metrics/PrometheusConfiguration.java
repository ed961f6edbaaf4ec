package io.redset.web.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.CollectorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer through the Prometheus simpleclient registry. Spring Boot 4 no longer configures the
 * simpleclient flavour itself, so the registry and the {@code /actuator/prometheus} endpoint are
 * declared here. This registry is the application's only MeterRegistry: the engine, the pools and
 * Spring's own meters all land in it.
 */
@Configuration(proxyBeanMethods = false)
public class PrometheusConfiguration {

    @Bean
    public CollectorRegistry collectorRegistry() {
        return new CollectorRegistry(true);
    }

    @Bean(destroyMethod = "close")
    public PrometheusMeterRegistry prometheusMeterRegistry(CollectorRegistry collectorRegistry) {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, collectorRegistry, Clock.SYSTEM);
    }

    @Bean
    public PrometheusScrapeEndpoint prometheusScrapeEndpoint(CollectorRegistry collectorRegistry) {
        return new PrometheusScrapeEndpoint(collectorRegistry);
    }
}

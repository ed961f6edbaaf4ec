package io.redset.web.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
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
class PrometheusConfiguration {

    @Bean
    public CollectorRegistry collectorRegistry() {
        return new CollectorRegistry(true);
    }

    @Bean(destroyMethod = "close")
    public PrometheusMeterRegistry prometheusMeterRegistry(CollectorRegistry collectorRegistry) {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, collectorRegistry, Clock.SYSTEM);
    }

    /**
     * Every exported series carries help text: meters that Spring or the JVM binders register
     * without a description get one naming the meter, so {@code promtool check metrics} accepts
     * the scrape.
     */
    @Bean
    public MeterFilter describeUndescribedMeters() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getDescription() != null && !id.getDescription().isBlank()) {
                    return id;
                }
                return new Meter.Id(id.getName(), Tags.of(id.getTags()), id.getBaseUnit(),
                        "Micrometer meter " + id.getName(), id.getType());
            }
        };
    }

    /**
     * Meters whose exposition promtool's lint refuses: JVM meters named with abbreviated units
     * ({@code jvm_compilation_time_ms}, {@code process_cpu_time_ns}; process_cpu_usage stays) or a
     * {@code _count} suffix on a gauge ({@code system_cpu_count}), and long task timers, which the
     * simpleclient registry writes without help lines. Also Spring Security's per-filter event
     * counters, which carry the filter's class name in the meter name
     * ({@code spring_security_filterchains_AuthThrottleFilter_before_total}); the chain's timers
     * stay and name the filter in a tag.
     */
    @Bean
    public MeterFilter denyMetersPromtoolRefuses() {
        return MeterFilter.deny(id -> id.getType() == Meter.Type.LONG_TASK_TIMER
                || id.getName().equals("jvm.compilation.time")
                || id.getName().equals("process.cpu.time")
                || id.getName().equals("system.cpu.count")
                || id.getName().startsWith("spring.security.filterchains.") && !id.getName().equals(id.getName().toLowerCase(java.util.Locale.ROOT)));
    }

    @Bean
    public PrometheusScrapeEndpoint prometheusScrapeEndpoint(CollectorRegistry collectorRegistry) {
        return new PrometheusScrapeEndpoint(collectorRegistry);
    }
}

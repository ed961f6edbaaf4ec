package io.redset.web.status.api;

import io.redset.web.status.StatusProperties;
import io.redset.web.status.StatusService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires the public status API's fast path: {@link SnapshotResponses} ahead of every other filter. */
@Configuration(proxyBeanMethods = false)
class StatusApiConfiguration {

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
}

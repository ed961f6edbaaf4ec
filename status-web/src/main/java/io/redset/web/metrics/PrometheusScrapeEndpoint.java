package io.redset.web.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

import java.io.IOException;
import java.io.StringWriter;

/** {@code /actuator/prometheus}: every meter in the Prometheus text format, version 0.0.4. */
@WebEndpoint(id = "prometheus")
class PrometheusScrapeEndpoint {

    private final CollectorRegistry collectorRegistry;

    public PrometheusScrapeEndpoint(CollectorRegistry collectorRegistry) {
        this.collectorRegistry = collectorRegistry;
    }

    @ReadOperation(produces = TextFormat.CONTENT_TYPE_004)
    public String scrape() throws IOException {
        StringWriter writer = new StringWriter(32 * 1024);
        TextFormat.write004(writer, collectorRegistry.metricFamilySamples());
        return writer.toString();
    }
}

package io.redset.web.probes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The {@code redset.probes.*} keys. Null means "the probes module's default" ({@code ProbesConfig}
 * and the per-type configs), so each default lives in one place; {@link ProbesSettings} maps these
 * onto the module's immutable config and names the key of any value it refuses.
 *
 * @param enabled     false: no probes run and no component statuses are kept
 * @param zone        calendar of result partitions and daily rollups; null: {@code redset.engine.zone}
 * @param components  status page name, description and group by component id ({@code set-03},
 *                    {@code http-<name>})
 * @param http        HTTP probe targets, one component each
 */
@ConfigurationProperties("redset.probes")
public record ProbesProperties(@DefaultValue("true") boolean enabled, Duration interval, Duration jitter,
                               Duration timeout, Integer threads, Integer failuresToDown, Integer successesToUp,
                               Duration rawRetention, Duration rollupRetention, Duration housekeepingInterval,
                               ZoneId zone, String setGroup, String httpGroup, Map<String, ComponentText> components,
                               @DefaultValue Db db, @DefaultValue Canary canary, @DefaultValue Reconcile reconcile,
                               @DefaultValue Engine engine, List<Http> http) {

    public ProbesProperties {
        components = components == null ? Map.of() : Map.copyOf(components);
        http = http == null ? List.of() : List.copyOf(http);
    }

    public record ComponentText(String name, String description, String group) {
    }

    public record Db(Boolean enabled, Duration interval, Duration timeout, Duration slowThreshold) {
    }

    public record Canary(Boolean enabled, Duration interval, Duration timeout, Duration slowThreshold, Long totalFen,
                         Integer shares, Duration refundGrace) {
    }

    public record Reconcile(Boolean enabled, Duration interval, Duration timeout, Duration lookback) {
    }

    public record Engine(Boolean enabled, Duration interval, Duration timeout, Double maxErrorRatio,
                         Double maxRejectionRatio, Duration maxP99, Integer maxQueueDepth, Integer minRequests) {
    }

    /**
     * One HTTP probe target.
     *
     * @param expectedStatus codes, ranges and classes: {@code 200}, {@code 200-299}, {@code 2xx}, {@code 200,301}
     * @param maxLatency     slower is degraded_performance
     * @param bodyContains   the body must contain this text
     * @param bodyMatches    the body must contain a match of this regular expression
     */
    public record Http(String name, String displayName, String description, String group, URI url, String method,
                       Map<String, String> headers, String expectedStatus, Duration maxLatency, String bodyContains,
                       String bodyMatches, Duration interval, Duration timeout) {
        @Override
        public String toString() {
            // header values may be credentials
            return "Http[name=" + name + ", url=" + url + ", method=" + method + ", headers="
                    + (headers == null ? "{}" : headers.keySet()) + "]";
        }
    }
}

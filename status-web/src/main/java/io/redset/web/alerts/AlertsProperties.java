package io.redset.web.alerts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code redset.alerts.*} keys. Null means "the alerts module's default" ({@code AlertsConfig}),
 * so each default lives in one place; {@link AlertsSettings} maps these onto the module's immutable
 * config and names the key of any value it refuses.
 *
 * @param enabled     false: no rules are evaluated and nothing is notified
 * @param rulesFile   a YAML file of rules ({@code rules:} list) that replaces the rules shipped in the jar
 * @param receivers   by name: {@code type} (webhook, pagerduty, slack, email) and that type's settings
 *                    ({@code url}, {@code routing-key}, {@code host}, {@code to}, ...)
 * @param routes      label matchers to receivers with a repeat interval; none: every receiver gets every alert
 */
@ConfigurationProperties("redset.alerts")
public record AlertsProperties(@DefaultValue("true") boolean enabled, Duration evaluationInterval, Duration evaluationTimeout,
                               Duration ackTimeout, Duration outboxPollInterval, @DefaultValue Retry retry,
                               Duration deliveryExpiry, Integer messageConcurrency, Duration outboxRetention, String externalUrl,
                               Long windowDivisor, Path rulesFile,
                               Map<String, Map<String, String>> receivers, List<RouteProperties> routes) {

    public AlertsProperties {
        receivers = receivers == null ? Map.of() : Map.copyOf(receivers);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    public record Retry(Integer attempts, Duration backoff) {
    }

    /**
     * @param matchers Alertmanager-style matchers: {@code severity="page"}, {@code set=~"0[0-3]"}
     */
    public record RouteProperties(String receiver, List<String> matchers, Duration repeatInterval) {
    }

    @Override
    public String toString() {
        // receiver settings may hold credentials
        return "AlertsProperties[enabled=" + enabled + ", receivers=" + receivers.keySet() + ", routes=" + routes.size() + "]";
    }
}

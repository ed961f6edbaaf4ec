package io.redset.web.alerts;

import io.micrometer.core.instrument.MeterRegistry;
import io.redset.alerts.AlertRules;
import io.redset.alerts.AlertsConfig;
import io.redset.alerts.LabelMatcher;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.ReceiverType;
import io.redset.alerts.Route;
import io.redset.probes.MaintenanceWindows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Maps {@link AlertsProperties} onto the alerts module's {@link AlertsConfig}. Unset keys keep the
 * module's defaults; a value the module refuses fails startup with its {@code redset.alerts.} key.
 */
public final class AlertsSettings {

    static final String PREFIX = "redset.alerts.";

    private AlertsSettings() {
    }

    public static AlertsConfig toAlertsConfig(AlertsProperties p, MeterRegistry meters, MaintenanceWindows maintenance) {
        try {
            AlertsConfig.Builder b = AlertsConfig.custom();
            set(p.evaluationInterval(), b::evaluationInterval);
            set(p.evaluationTimeout(), b::evaluationTimeout);
            set(p.ackTimeout(), b::ackTimeout);
            set(p.outboxPollInterval(), b::outboxPollInterval);
            set(p.retry().attempts(), b::retryAttempts);
            set(p.retry().backoff(), b::retryBackoff);
            set(p.deliveryExpiry(), b::deliveryExpiry);
            set(p.messageConcurrency(), b::messageConcurrency);
            set(p.outboxRetention(), b::outboxRetention);
            set(p.externalUrl(), b::externalUrl);
            set(p.windowDivisor(), b::windowDivisor);
            if (p.rulesFile() != null) {
                try {
                    b.defaultRules(AlertRules.parseYaml(Files.readString(p.rulesFile())));
                } catch (IOException e) {
                    throw new UncheckedIOException("rules-file " + p.rulesFile() + " cannot be read", e);
                }
            }
            List<ReceiverConfig> receivers = new ArrayList<>();
            p.receivers().forEach((name, settings) -> {
                Map<String, String> rest = new HashMap<>(settings);
                String type = rest.remove("type");
                if (type == null) {
                    throw new IllegalArgumentException("receivers." + name + ".type is required (webhook, pagerduty, slack, email)");
                }
                receivers.add(new ReceiverConfig(name, ReceiverType.ofTag(type), rest));
            });
            b.receivers(receivers);
            List<Route> routes = new ArrayList<>();
            for (int i = 0; i < p.routes().size(); i++) {
                AlertsProperties.RouteProperties r = p.routes().get(i);
                List<LabelMatcher> matchers = new ArrayList<>();
                for (String m : r.matchers() == null ? List.<String>of() : r.matchers()) {
                    try {
                        matchers.add(LabelMatcher.parse(m));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("routes[" + i + "].matchers: " + e.getMessage());
                    }
                }
                routes.add(new Route(r.receiver(), matchers, r.repeatInterval()));
            }
            b.routes(routes);
            b.meterRegistry(meters);
            if (maintenance != null) {
                b.maintenance(maintenance);
            }
            return b.build();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new IllegalArgumentException(PREFIX + e.getMessage(), e);
        }
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}

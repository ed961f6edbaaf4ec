package io.redset.web.subscriptions;

import io.redset.alerts.Alerts;
import io.redset.engine.ClaimEngine;
import io.redset.probes.ComponentHealth;
import io.redset.web.status.StatusProperties;
import io.redset.web.status.StatusService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import javax.sql.DataSource;

/** Wires the status page's subscriptions on the status service and the alerts outbox. */
@Configuration(proxyBeanMethods = false)
class SubscriptionsConfiguration {

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
                limits(properties.subscribeLimit()), health.getIfAvailable()).startSweeping();
    }

    static SubscribeLimits limits(StatusProperties.SubscribeLimit limit) {
        return new SubscribeLimits(limit.perClient(), limit.perPage(), limit.period());
    }
}

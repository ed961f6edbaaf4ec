package io.redset.web.status;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The {@code redset.status.*} keys of the public status page. The page's name, URL, time zone and
 * logo text are the first values of its settings in the control database (admins change them there
 * later through {@code PUT /api/v1/admin/status/page}).
 *
 * @param pageId           {@code page.id} in the Statuspage API
 * @param url              the page's public URL: shortlinks and feed links start with it
 * @param refreshInterval  the snapshot is rebuilt this often (and at once after every change)
 * @param uptimeRefresh    the daily rollups behind the uptime bars and sparklines are read this often
 * @param verifyingPeriod  a maintenance stays {@code verifying} this long after its end, then completes
 * @param historyLimit     resolved incidents and completed maintenances kept in memory for the page and API
 * @param pollInterval     the public page refreshes itself this often
 * @param sessionTimeout   an idle anonymous page session ends after this
 * @param cacheMaxAge      {@code Cache-Control: max-age} of the API and feeds
 * @param allowPrivateWebhooks subscribers may name webhooks on loopback or private addresses (off: no SSRF)
 * @param subscriptionEmailReceiver name of an email receiver under {@code redset.alerts.receivers}
 *                         whose SMTP settings carry subscriber mail; unset: e-mail subscriptions are not offered
 * @param subscribeLimit   how many subscription requests one client address and the whole page may make
 */
@ConfigurationProperties("redset.status")
public record StatusProperties(@DefaultValue("redset") String pageId,
                               @DefaultValue("RedSet") String name,
                               @DefaultValue("http://localhost:8080") String url,
                               @DefaultValue("Etc/UTC") ZoneId timeZone,
                               @DefaultValue("RedSet") String logoText,
                               @DefaultValue("PT5S") Duration refreshInterval,
                               @DefaultValue("PT1M") Duration uptimeRefresh,
                               @DefaultValue("PT10M") Duration verifyingPeriod,
                               @DefaultValue("500") int historyLimit,
                               @DefaultValue("PT30S") Duration pollInterval,
                               @DefaultValue("PT5M") Duration sessionTimeout,
                               @DefaultValue("PT10S") Duration cacheMaxAge,
                               @DefaultValue("false") boolean allowPrivateWebhooks,
                               String subscriptionEmailReceiver,
                               @DefaultValue SubscribeLimit subscribeLimit) {

    public StatusProperties {
        requirePositive("redset.status.refresh-interval", refreshInterval);
        requirePositive("redset.status.uptime-refresh", uptimeRefresh);
        requirePositive("redset.status.poll-interval", pollInterval);
        requirePositive("redset.status.session-timeout", sessionTimeout);
        if (verifyingPeriod.isNegative()) {
            throw new IllegalArgumentException("redset.status.verifying-period must not be negative, was " + verifyingPeriod);
        }
        if (cacheMaxAge.isNegative()) {
            throw new IllegalArgumentException("redset.status.cache-max-age must not be negative, was " + cacheMaxAge);
        }
        if (historyLimit < 1 || historyLimit > 10_000) {
            throw new IllegalArgumentException("redset.status.history-limit must be 1..10000, was " + historyLimit);
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("redset.status.name must be 1..100 characters, was " + name);
        }
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("redset.status.url must be an http(s) URL, was " + url);
        }
    }

    /** The defaults, for tests and for code that runs without Spring. */
    public static StatusProperties defaults() {
        return new StatusProperties("redset", "RedSet", "http://localhost:8080", ZoneId.of("Etc/UTC"), "RedSet",
                Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(10), 500, Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofSeconds(10), false, null, SubscribeLimit.DEFAULT);
    }

    /**
     * {@code redset.status.subscribe-limit.*}: subscription requests (each sends a message to the
     * named target) per client address and per page, in each period.
     */
    public record SubscribeLimit(@DefaultValue("5") int perClient, @DefaultValue("300") int perPage,
                                 @DefaultValue("PT10M") Duration period) {

        public static final SubscribeLimit DEFAULT = new SubscribeLimit(5, 300, Duration.ofMinutes(10));

        public SubscribeLimits limits() {
            return new SubscribeLimits(perClient, perPage, period);
        }
    }

    private static void requirePositive(String key, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be a positive duration, was " + d);
        }
    }
}

package io.redset.web.status;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The {@code redset.status.*} keys of the public status page. The page's name, URL, time zone and
 * logo text are the first values of its settings in the control database (admins change them there
 * later through {@code PUT /api/v1/admin/status/page}).
 *
 * @param pageId           {@code page.id} in the Statuspage API
 * @param url              the page's public URL: shortlinks and feed links start with it; checked and
 *                         kept as {@link #pageUrl} writes it
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
        try {
            url = pageUrl(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("redset.status.url " + e.getMessage(), e);
        }
    }

    /** Longest page URL: it starts every link, and the mails' {@code List-Unsubscribe} header names it. */
    static final int MAX_URL = 500;

    /**
     * The page's public URL checked and written one way: an absolute http(s) URL with a host, no
     * credentials, query or fragment (links are made by appending paths to it), scheme and host in
     * lower case, no trailing '/', non-ASCII characters of the path percent-encoded. It ends up in
     * mail headers ({@code List-Unsubscribe: <...>}), feed and badge links and the API, so a space,
     * a control character (CR LF would start a new header) or {@code < > "} (would end the header's
     * angle brackets or an attribute) is refused before {@link URI} gets to be lenient about it.
     *
     * @throws IllegalArgumentException what is wrong, without the value and without the name of
     *                                  the key or field (the caller puts that in front)
     */
    static String pageUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("is required (an http(s) URL)");
        }
        if (url.length() > MAX_URL) {
            throw new IllegalArgumentException("must be at most " + MAX_URL + " characters");
        }
        for (int k = 0; k < url.length(); ) {
            int cp = url.codePointAt(k); // a lone surrogate comes back as itself
            if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    || cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE
                    || cp == '<' || cp == '>' || cp == '"') {
                throw new IllegalArgumentException("must be an http(s) URL without spaces, control characters, "
                        + "'<', '>' or '\"' (found U+%04X at index %d)".formatted(cp, k));
            }
            k += Character.charCount(cp);
        }
        URI uri;
        try {
            uri = new URI(url).normalize(); // no "." or ".." segments left in the path
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be an http(s) URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.isOpaque()) {
            throw new IllegalArgumentException("must be an absolute http(s) URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("must be an http(s) URL with a host name or address");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not contain credentials");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not have a query or a fragment (paths are appended to it)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String normalised = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + path;
        return URI.create(normalised).toASCIIString();
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
    }

    private static void requirePositive(String key, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be a positive duration, was " + d);
        }
    }
}

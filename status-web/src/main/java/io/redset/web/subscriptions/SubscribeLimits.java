package io.redset.web.subscriptions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.redset.engine.RejectedException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * How many subscription requests a page takes: per client address and for the whole page, each
 * a Resilience4j rate limiter ({@code limit} permits per {@code period}). Every subscription
 * request sends a confirmation message to a target the visitor names, so without a limit the page
 * could be used to flood an inbox or a webhook, and to spend the mail server's reputation.
 *
 * <p>The per-client limiters live in a Caffeine cache bounded in size and dropped after a period
 * without requests, so a scan from many addresses costs bounded memory.
 */
public final class SubscribeLimits {

    /** Most client addresses remembered at once (each one limiter, a few hundred bytes). */
    static final int MAX_CLIENTS = 100_000;

    private final RateLimiterConfig perClient;
    private final RateLimiter page;
    private final Cache<String, RateLimiter> clients;

    /**
     * @param perClient requests one client address may make per period
     * @param perPage   requests the whole page takes per period (bounds confirmation messages)
     * @param period    the period of both
     */
    public SubscribeLimits(int perClient, int perPage, Duration period) {
        if (perClient < 1 || perPage < 1) {
            throw new IllegalArgumentException("subscribe limits must be at least 1, were " + perClient + " and " + perPage);
        }
        if (period == null || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("subscribe limit period must be positive, was " + period);
        }
        this.perClient = config(perClient, period);
        this.page = RateLimiter.of("status-subscribe-page", config(perPage, period));
        this.clients = Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterAccess(period.multipliedBy(2)).build();
    }

    /** No limit: for tests that subscribe many times from one place. */
    public static SubscribeLimits unlimited() {
        return new SubscribeLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ofDays(1));
    }

    /**
     * Takes one permit for the client and one for the page.
     *
     * @throws RejectedException RATE_LIMITED (HTTP 429 with Retry-After) when either is used up;
     *                           a refused client does not use a permit of the page
     */
    public void acquire(String client) {
        RateLimiter limiter = clients.get(clientKey(client), c -> RateLimiter.of("status-subscribe", perClient));
        if (!limiter.acquirePermission()) {
            throw refused(limiter, "Too many subscription requests from your address; try again later.");
        }
        if (!page.acquirePermission()) {
            throw refused(page, "This page takes no more subscription requests right now; try again later.");
        }
    }

    /**
     * The limited unit: an IPv4 address, or the /64 network of an IPv6 address (one subscriber line
     * usually gets a whole /64, so its single addresses are free to change).
     */
    public static String clientKey(String client) {
        if (client == null || client.isBlank()) {
            return "unknown";
        }
        if (client.indexOf(':') < 0) {
            return client;
        }
        try {
            byte[] a = InetAddress.getByName(client).getAddress(); // a literal: no name lookup
            if (a.length != 16) {
                return client;
            }
            return HexFormat.of().formatHex(a, 0, 8) + "::/64";
        } catch (UnknownHostException e) {
            return client;
        }
    }

    private static RejectedException refused(RateLimiter limiter, String message) {
        Duration wait = limiter instanceof AtomicRateLimiter atomic
                ? Duration.ofNanos(Math.max(0, atomic.getDetailedMetrics().getNanosToWait()))
                : limiter.getRateLimiterConfig().getLimitRefreshPeriod();
        return new RejectedException(RejectedException.Reason.RATE_LIMITED, null, message, wait);
    }

    private static RateLimiterConfig config(int limit, Duration period) {
        return RateLimiterConfig.custom().limitForPeriod(limit).limitRefreshPeriod(period).timeoutDuration(Duration.ZERO).build();
    }
}

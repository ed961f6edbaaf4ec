package io.redset.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.redset.web.subscriptions.SubscribeLimits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes guessing cost the guesser: failed authentications are counted per client address (IPv6 by
 * its /64) and per named account in fixed windows; once a count reaches its limit, every further
 * attempt of that address or account is refused with 429 until the window ends, before any
 * password hash or database is touched. Successful logins do not reset the counts (a guesser that
 * also holds one valid account gains nothing).
 *
 * <p>Counts live in this node's memory (Caffeine, bounded): with N nodes behind a proxy a guesser
 * gets at most N times the limit. Meters: {@code redset_auth_failures_total{kind}} and
 * {@code redset_auth_throttled_total{kind}}.
 *
 * <p>Thread-safe: the windows are updated with {@code Cache.asMap().compute}.
 */
final class AuthThrottle {

    /** What was tried. */
    public enum Kind { BASIC, API_KEY, JWT, CONSOLE }

    private record Window(Instant start, int failures) {
    }

    private final SecurityProperties.Throttle settings;
    private final Clock clock;
    private final Cache<String, Window> byAddress;
    private final Cache<String, Window> byAccount;
    private final Map<Kind, Counter> failures = new EnumMap<>(Kind.class);
    private final Map<Kind, Counter> throttled = new EnumMap<>(Kind.class);

    public AuthThrottle(SecurityProperties.Throttle settings, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.clock = clock;
        this.byAddress = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(settings.window()).build();
        this.byAccount = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(settings.window()).build();
        for (Kind kind : Kind.values()) {
            String tag = kind.name().toLowerCase();
            failures.put(kind, Counter.builder("redset.auth.failures").tag("kind", tag)
                    .description("Failed authentications (bad password, unknown or revoked key, invalid token)")
                    .register(meters));
            throttled.put(kind, Counter.builder("redset.auth.throttled").tag("kind", tag)
                    .description("Authentication attempts refused with 429 by the failure throttle")
                    .register(meters));
        }
    }

    /**
     * How long the caller must wait, if its address or the account it names is over the limit.
     *
     * @param account the console user named by the attempt, or null
     */
    public Optional<Duration> refusal(Kind kind, String address, String account) {
        Instant now = clock.instant();
        Duration wait = waitOf(byAddress, SubscribeLimits.clientKey(address), settings.maxFailuresPerAddress(), now);
        if (wait == null && account != null) {
            wait = waitOf(byAccount, account, settings.maxFailuresPerAccount(), now);
        }
        if (wait != null) {
            throttled.get(kind).increment();
        }
        return Optional.ofNullable(wait);
    }

    /** Counts one failed attempt of the address (and of the account it named, if any). */
    public void failed(Kind kind, String address, String account) {
        failures.get(kind).increment();
        Instant now = clock.instant();
        count(byAddress, SubscribeLimits.clientKey(address), now);
        if (account != null) {
            count(byAccount, account, now);
        }
    }

    private Duration waitOf(Cache<String, Window> cache, String key, int limit, Instant now) {
        Window w = cache.getIfPresent(key);
        if (w == null || w.failures() < limit) {
            return null;
        }
        Instant end = w.start().plus(settings.window());
        if (!now.isBefore(end)) {
            return null;
        }
        return Duration.between(now, end);
    }

    private void count(Cache<String, Window> cache, String key, Instant now) {
        cache.asMap().compute(key, (k, w) -> {
            if (w == null || !now.isBefore(w.start().plus(settings.window()))) {
                return new Window(now, 1);
            }
            return new Window(w.start(), w.failures() + 1);
        });
    }
}

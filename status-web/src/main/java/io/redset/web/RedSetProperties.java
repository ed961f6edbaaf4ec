package io.redset.web;

import io.redset.engine.SetId;
import io.redset.web.engine.SetRanges;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * Every {@code redset.*} setting the web app reads (the keys of API.md). Settings the engine owns
 * are nullable here: null means "the engine's default" (see {@code EngineConfig} and
 * {@code SetLimits}), so each default lives in one place. Bad values fail at startup with a
 * message that names the key.
 */
@ConfigurationProperties("redset")
public record RedSetProperties(@DefaultValue Embedded embedded, @DefaultValue Control control,
                               @DefaultValue Sets sets, @DefaultValue Node node,
                               @DefaultValue Envelope envelope, @DefaultValue Engine engine,
                               @DefaultValue Limits limits, @DefaultValue Admin admin,
                               @DefaultValue Api api) {

    public RedSetProperties {
        // Fails binding (and so startup) when owned-sets is malformed or names a missing SET.
        node.ownedSets(sets.count());
    }

    /**
     * The embedded PostgreSQL holding the control database and one database per SET.
     *
     * @param dataDir kept between runs
     * @param port    0 picks a free port
     */
    public record Embedded(@DefaultValue("true") boolean enabled, @DefaultValue("./data") Path dataDir,
                           @DefaultValue("0") int port) {
        public Embedded {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("redset.embedded.port must be 0..65535, was " + port);
            }
        }
    }

    /** The external control database, used when {@code redset.embedded.enabled=false}. */
    public record Control(String url, String username, String password, @DefaultValue("10") int poolSize) {
        public Control {
            if (poolSize < 1) {
                throw new IllegalArgumentException("redset.control.pool-size must be at least 1, was " + poolSize);
            }
        }

        @Override
        public String toString() {
            return "Control[url=" + url + ", username=" + username + ", password=" + mask(password)
                    + ", poolSize=" + poolSize + "]";
        }
    }

    /**
     * The SETs and their databases.
     *
     * @param urls     external JDBC URL of each SET by number ({@code redset.sets.urls[3]=...}),
     *                 used when {@code redset.embedded.enabled=false}
     * @param username shared user of the external SET databases
     * @param poolSize connections per SET pool
     * @param connectionTimeout how long a request waits for a SET connection; short, so that a
     *                 dead SET fails fast instead of holding request threads
     */
    public record Sets(@DefaultValue("4") int count, Map<Integer, String> urls, String username, String password,
                       @DefaultValue("16") int poolSize, @DefaultValue("1500ms") Duration connectionTimeout) {
        public Sets {
            if (count < 1 || count > SetId.MAX_SETS) {
                throw new IllegalArgumentException("redset.sets.count must be 1.." + SetId.MAX_SETS + ", was " + count);
            }
            if (poolSize < 1) {
                throw new IllegalArgumentException("redset.sets.pool-size must be at least 1, was " + poolSize);
            }
            if (connectionTimeout.toMillis() < 250) {
                throw new IllegalArgumentException("redset.sets.connection-timeout must be at least 250ms, was "
                        + connectionTimeout);
            }
            urls = urls == null ? Map.of() : Map.copyOf(urls);
        }

        @Override
        public String toString() {
            return "Sets[count=" + count + ", urls=" + urls + ", username=" + username + ", password="
                    + mask(password) + ", poolSize=" + poolSize + ", connectionTimeout=" + connectionTimeout + "]";
        }
    }

    /** @param ownedSets the SETs this node serves: {@code all}, or e.g. {@code 0-1}, {@code 0,2}, {@code 1-3,5} */
    public record Node(@DefaultValue(SetRanges.ALL) String ownedSets) {
        public Set<SetId> ownedSets(int setCount) {
            return SetRanges.parse(ownedSets, setCount);
        }
    }

    /** @param lifetime time until an unclaimed remainder is refunded (engine default PT24H) */
    public record Envelope(Duration lifetime, Long maxTotalFen, Integer maxCount) {
    }

    /** Engine settings; null means the engine's default (zone UTC, 4 lanes per SET, ...). */
    public record Engine(ZoneId zone, Integer lanesPerSet, Duration claimTimeout, Duration sweepInterval,
                         Duration archiveInterval, Double degradedRateFactor, @DefaultValue Circuit circuit) {
    }

    /** The circuit breaker of each SET database; null means the engine's default. */
    public record Circuit(Float failureRateThreshold, Integer minimumNumberOfCalls, Integer slidingWindowSize,
                          Duration waitInOpenState, Integer permittedCallsInHalfOpenState) {
    }

    /** Initial guard limits of every SET (they can be changed live through the admin API). */
    public record Limits(Integer sendPerSecond, Integer claimPerSecond, Integer grabPerSecond,
                         Integer detailsPerSecond, Integer bulkheadMaxConcurrent, Duration bulkheadMaxWait,
                         Integer envelopeCap, Integer batchSize) {
    }

    /** @param password of the first {@code admin} user (env {@code REDSET_ADMIN_PASSWORD}); generated when unset */
    public record Admin(String password) {
        @Override
        public String toString() {
            return "Admin[password=" + mask(password) + "]";
        }
    }

    /**
     * @param key the first service API key of the claim API (env {@code REDSET_API_KEY}, at least 32
     *            characters), created on a fresh installation; generated and logged once when unset
     */
    public record Api(String key) {
        @Override
        public String toString() {
            return "Api[key=" + mask(key) + "]";
        }
    }

    private static String mask(String secret) {
        return secret == null ? "null" : "******";
    }
}

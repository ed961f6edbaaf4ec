package io.redset.web.security;

import io.redset.engine.InvalidInputException;
import io.redset.web.RedSetProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

import java.util.EnumSet;

/**
 * Makes the claim API usable on a fresh install: when no API key exists, creates the service key
 * {@code default} (scopes send, claim, read; every SET) with the value of {@code REDSET_API_KEY}
 * ({@code redset.api.key}, at least 32 characters), or with a generated one that is logged once,
 * at WARN. Several nodes starting together create it once (the insert ignores a conflict, and only
 * the node whose insert won logs).
 */
@Component
@DependsOnDatabaseInitialization
class ApiKeyBootstrap implements SmartInitializingSingleton {

    public static final String DEFAULT_KEY = "default";
    private static final Logger log = LoggerFactory.getLogger(ApiKeyBootstrap.class);

    private final ApiKeys keys;
    private final RedSetProperties properties;

    public ApiKeyBootstrap(ApiKeys keys, RedSetProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (keys.anyKeyExists()) {
            return;
        }
        String configured = properties.api().key();
        EnumSet<ApiScope> all = EnumSet.allOf(ApiScope.class);
        if (configured != null && !configured.isEmpty()) {
            try {
                if (keys.create(DEFAULT_KEY, configured, all, null, "REDSET_API_KEY").isPresent()) {
                    log.info("Created the service API key '{}' (scopes send, claim, read) from REDSET_API_KEY", DEFAULT_KEY);
                }
            } catch (InvalidInputException e) {
                throw new IllegalStateException("REDSET_API_KEY (redset.api.key) " + e.getMessage().replaceFirst("^secret ", ""));
            }
            return;
        }
        var created = keys.create(DEFAULT_KEY, ApiKeys.generateSecret(), all, null, "system");
        created.ifPresent(c -> log.warn("""

                ************************************************************************
                Created the service API key 'default' (scopes send, claim, read):

                    {}

                Send it as 'Authorization: Bearer <key>' to /api/v1/envelopes. It is shown
                this once and never again; set REDSET_API_KEY on a fresh installation to
                choose it yourself, or create more keys at /api/v1/admin/api-keys.
                ************************************************************************""", c.secret()));
    }
}

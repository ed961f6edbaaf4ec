package io.redset.web.security;

import io.redset.web.RedSetProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes sure the console can be reached on a fresh install: when no user exists, creates
 * {@code admin} (role ADMIN) with the password from {@code REDSET_ADMIN_PASSWORD}
 * ({@code redset.admin.password}), or with a generated one that is logged once, at WARN, and never
 * again (the next start finds the user and says nothing). Several nodes starting together create
 * it once: the insert ignores a conflict, and only the node whose insert won logs.
 */
@Component
@DependsOnDatabaseInitialization
class AdminUserBootstrap implements SmartInitializingSingleton {

    public static final String ADMIN_USER = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminUserBootstrap.class);

    private final ConsoleUsers users;
    private final RedSetProperties properties;

    public AdminUserBootstrap(ConsoleUsers users, RedSetProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (users.anyUserExists()) {
            return;
        }
        String configured = properties.admin().password();
        if (configured != null && !configured.isEmpty()) {
            if (configured.length() < ConsoleUsers.MIN_PASSWORD_LENGTH) {
                throw new IllegalStateException("REDSET_ADMIN_PASSWORD (redset.admin.password) must be at least "
                        + ConsoleUsers.MIN_PASSWORD_LENGTH + " characters");
            }
            if (users.create(ADMIN_USER, configured, ConsoleRole.ADMIN)) {
                log.info("Created the console user '{}' (role ADMIN) with the password from REDSET_ADMIN_PASSWORD", ADMIN_USER);
            }
            return;
        }
        String generated = generatePassword();
        if (users.create(ADMIN_USER, generated, ConsoleRole.ADMIN)) {
            log.warn("""

                    ************************************************************************
                    Created the console user 'admin' (role ADMIN) with a generated password:

                        {}

                    It is shown this once and never again. Keep it, or set REDSET_ADMIN_PASSWORD
                    on a fresh installation to choose it yourself.
                    ************************************************************************""", generated);
        }
    }

    /** 144 random bits, URL-safe Base64: 24 characters. */
    static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

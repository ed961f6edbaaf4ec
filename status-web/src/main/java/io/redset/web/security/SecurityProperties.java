package io.redset.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * {@code redset.security.*}: who may call the claim API and how hard guessing is made. Bad values
 * fail at startup with a message that names the key.
 *
 * @param allowedOrigins     browser origins (besides the server's own) whose requests may change
 *                           anything, e.g. {@code https://admin.example.com}; empty = none
 * @param maxBodySize        largest request body of any {@code /api/**} call
 * @param maxAlertmanagerBodySize largest body of the inbound Alertmanager webhook (alert batches)
 * @param apiKeyCacheTtl     how long a key lookup is remembered: a revocation reaches every node
 *                           within this time
 */
@ConfigurationProperties("redset.security")
public record SecurityProperties(@DefaultValue Jwt jwt, @DefaultValue Throttle throttle,
                                 @DefaultValue List<String> allowedOrigins,
                                 @DefaultValue("64KB") DataSize maxBodySize,
                                 @DefaultValue("1MB") DataSize maxAlertmanagerBodySize,
                                 @DefaultValue("10s") Duration apiKeyCacheTtl) {

    public SecurityProperties {
        allowedOrigins = List.copyOf(allowedOrigins);
        for (String origin : allowedOrigins) {
            URI uri;
            try {
                uri = URI.create(origin);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("redset.security.allowed-origins: \"" + origin
                        + "\" is not an origin such as https://admin.example.com");
            }
            if (uri.getScheme() == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                throw new IllegalArgumentException("redset.security.allowed-origins: \"" + origin
                        + "\" is not an origin such as https://admin.example.com (scheme, host, optional port, no path)");
            }
        }
        if (maxBodySize.toBytes() < 1024 || maxBodySize.toMegabytes() > 16) {
            throw new IllegalArgumentException("redset.security.max-body-size must be 1KB..16MB, was " + maxBodySize);
        }
        if (maxAlertmanagerBodySize.toBytes() < 1024 || maxAlertmanagerBodySize.toMegabytes() > 64) {
            throw new IllegalArgumentException("redset.security.max-alertmanager-body-size must be 1KB..64MB, was "
                    + maxAlertmanagerBodySize);
        }
        if (apiKeyCacheTtl.isNegative() || apiKeyCacheTtl.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("redset.security.api-key-cache-ttl must be 0..5m, was " + apiKeyCacheTtl);
        }
    }

    /**
     * End users' JWTs (Spring Security's OAuth2 resource server). Off unless one of issuer-uri,
     * jwk-set-uri or hmac-secret is set.
     *
     * @param issuerUri  expected {@code iss}; also where the JWK set is discovered when jwk-set-uri is unset
     * @param jwkSetUri  the issuer's JWK set (RS256, ES256, ...)
     * @param hmacSecret shared secret for HS256 tokens, at least 32 bytes
     * @param audiences  accepted {@code aud} values; empty = any
     * @param clockSkew  tolerance on {@code exp} and {@code nbf}
     */
    public record Jwt(URI issuerUri, URI jwkSetUri, String hmacSecret, @DefaultValue List<String> audiences,
                      @DefaultValue("60s") Duration clockSkew) {
        public Jwt {
            audiences = List.copyOf(audiences);
            if (hmacSecret != null && hmacSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new IllegalArgumentException("redset.security.jwt.hmac-secret must be at least 32 bytes");
            }
            if (hmacSecret != null && jwkSetUri != null) {
                throw new IllegalArgumentException("redset.security.jwt: set either hmac-secret or jwk-set-uri, not both");
            }
            if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("redset.security.jwt.clock-skew must be 0..10m, was " + clockSkew);
            }
        }

        public boolean enabled() {
            return issuerUri != null || jwkSetUri != null || hmacSecret != null;
        }

        @Override
        public String toString() {
            return "Jwt[issuerUri=" + issuerUri + ", jwkSetUri=" + jwkSetUri + ", hmacSecret="
                    + (hmacSecret == null ? "null" : "******") + ", audiences=" + audiences + ", clockSkew=" + clockSkew + "]";
        }
    }

    /**
     * Failed authentications (HTTP Basic, API keys, JWTs) counted in fixed windows; past a limit the
     * client address or the account is refused with 429 before any password is checked.
     *
     * @param maxFailuresPerAddress failures from one client address (IPv6: its /64) per window
     * @param maxFailuresPerAccount failures naming one console user per window, from any address
     */
    public record Throttle(@DefaultValue("20") int maxFailuresPerAddress, @DefaultValue("50") int maxFailuresPerAccount,
                           @DefaultValue("5m") Duration window) {
        public Throttle {
            if (maxFailuresPerAddress < 1 || maxFailuresPerAccount < 1) {
                throw new IllegalArgumentException("redset.security.throttle.max-failures-per-address and "
                        + "-per-account must be at least 1");
            }
            if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("redset.security.throttle.window must be 1s..1d, was " + window);
            }
        }
    }
}

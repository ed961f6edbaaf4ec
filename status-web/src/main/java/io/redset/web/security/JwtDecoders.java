package io.redset.web.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the decoder of end users' JWTs from {@code redset.security.jwt.*}: a JWK set (given, or
 * discovered from the issuer on first use, so a start does not need the issuer to be up) or a
 * shared HS256 secret; always checks the signature, {@code exp}/{@code nbf} with the clock skew,
 * and {@code iss} and {@code aud} when configured. Nimbus refuses {@code alg: none}.
 */
final class JwtDecoders {

    private JwtDecoders() {
    }

    /** The decoder, or null when JWTs are not configured. */
    static JwtDecoder of(SecurityProperties.Jwt settings) {
        if (!settings.enabled()) {
            return null;
        }
        NimbusJwtDecoder decoder;
        if (settings.hmacSecret() != null) {
            decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(
                            settings.hmacSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
        } else if (settings.jwkSetUri() != null) {
            decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri().toString()).build();
        } else {
            decoder = NimbusJwtDecoder.withIssuerLocation(settings.issuerUri().toString()).build();
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(settings.clockSkew()));
        validators.add(JwtDecoders::requireExpiry);
        if (settings.issuerUri() != null) {
            validators.add(new JwtIssuerValidator(settings.issuerUri().toString()));
        }
        if (!settings.audiences().isEmpty()) {
            validators.add(audience(settings.audiences()));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** A token without {@code exp} would be valid forever: refused. */
    private static OAuth2TokenValidatorResult requireExpiry(Jwt token) {
        return token.getExpiresAt() != null
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "the token has no expiry (exp)", null));
    }

    private static OAuth2TokenValidator<Jwt> audience(List<String> accepted) {
        OAuth2Error error = new OAuth2Error("invalid_token", "the token is not meant for RedSet (aud)", null);
        return token -> token.getAudience() != null && token.getAudience().stream().anyMatch(accepted::contains)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(error);
    }
}

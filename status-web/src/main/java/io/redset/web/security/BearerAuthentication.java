package io.redset.web.security;

import io.redset.engine.EngineConfig;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Turns the {@code Authorization: Bearer ...} of a claim API call into an {@link ApiCaller}: a
 * token shaped like a JWT (three dot-separated parts) goes to Spring Security's
 * {@link JwtAuthenticationProvider} when JWTs are configured, anything else is looked up as a
 * service key. Used as the resource server's AuthenticationManager, so the bearer token filter,
 * its errors and its {@code WWW-Authenticate: Bearer} challenge are Spring's.
 */
final class BearerAuthentication implements AuthenticationManager {

    private final ApiKeys keys;
    private final JwtAuthenticationProvider jwt;

    /** @param jwtDecoder null when no JWT issuer or secret is configured */
    BearerAuthentication(ApiKeys keys, JwtDecoder jwtDecoder) {
        this.keys = keys;
        if (jwtDecoder == null) {
            this.jwt = null;
        } else {
            this.jwt = new JwtAuthenticationProvider(jwtDecoder);
            this.jwt.setJwtAuthenticationConverter(BearerAuthentication::userOf);
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (looksLikeJwt(token)) {
            if (jwt == null) {
                throw new InvalidBearerTokenException("JWTs are not accepted here: no issuer is configured");
            }
            return jwt.authenticate(authentication);
        }
        return keys.authenticate(token)
                .map(key -> (Authentication) new ApiCallerAuthentication(key.caller()))
                .orElseThrow(() -> new InvalidBearerTokenException("unknown or revoked API key"));
    }

    static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        return first > 0 && second > first && token.indexOf('.', second + 1) < 0;
    }

    /** The token's subject is the user; a token without a usable subject is refused. */
    private static ApiCallerAuthentication userOf(Jwt token) {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > EngineConfig.MAX_ID_LENGTH
                || subject.chars().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new OAuth2AuthenticationException(new org.springframework.security.oauth2.core.OAuth2Error(
                    "invalid_token", "the token's subject (sub) is missing or not a valid user id", null));
        }
        return new ApiCallerAuthentication(ApiCaller.user(subject));
    }
}

package io.redset.web.security;

import io.redset.web.api.ApiProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 401, 403 and 429 of the API as problem+json, written by the security filters before MVC is
 * reached. A 401 after credentials were sent counts as a failure in the {@link AuthThrottle}.
 *
 * <p>The console API ({@code /api/v1/admin/**}, {@code /api/v1/oncall/**}) takes HTTP Basic but
 * never answers with a Basic challenge: a challenge makes a browser ask for a password and then
 * replay it on every request to the host, cross-site form posts included. Scripts send Basic
 * credentials unasked ({@code curl -u}). The claim API challenges with {@code Bearer} (RFC 6750),
 * which no browser answers by itself.
 */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "RedSet";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuthThrottle throttle;
    private final AuthThrottle.Kind kind;
    private final String howToAuthenticate;
    private final String forbidden;

    private ProblemSecurityHandlers(AuthThrottle throttle, AuthThrottle.Kind kind, String howToAuthenticate, String forbidden) {
        this.throttle = throttle;
        this.kind = kind;
        this.howToAuthenticate = howToAuthenticate;
        this.forbidden = forbidden;
    }

    static ProblemSecurityHandlers console(AuthThrottle throttle) {
        return new ProblemSecurityHandlers(throttle, AuthThrottle.Kind.BASIC,
                "Send the HTTP Basic credentials of a console user (curl -u user:password).",
                "Your role does not allow this.");
    }

    static ProblemSecurityHandlers claimApi(AuthThrottle throttle) {
        return new ProblemSecurityHandlers(throttle, AuthThrottle.Kind.API_KEY,
                "Send Authorization: Bearer with a service API key or a user's JWT.",
                "This key or token does not allow this.");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean triedCredentials = authorization != null && !(e instanceof InsufficientAuthenticationException);
        if (triedCredentials) {
            AuthThrottle.Kind tried = kind == AuthThrottle.Kind.BASIC ? kind
                    : BearerAuthentication.looksLikeJwt(bearerToken(authorization)) ? AuthThrottle.Kind.JWT : AuthThrottle.Kind.API_KEY;
            throttle.failed(tried, request.getRemoteAddr(), basicUser(authorization));
        }
        if (kind != AuthThrottle.Kind.BASIC) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, triedCredentials
                    ? "Bearer realm=\"" + REALM + "\", error=\"invalid_token\""
                    : "Bearer realm=\"" + REALM + "\"");
        }
        write(response, 401, "unauthorized", "Authentication required",
                (triedCredentials ? "The credentials were not accepted. " : "") + howToAuthenticate);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, 403, "forbidden", "Forbidden", forbidden);
    }

    /** 429 with Retry-After: the address or account is over its failure limit. */
    static void tooManyFailures(HttpServletResponse response, Duration wait) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ApiProblems.retryAfterSeconds(wait)));
        write(response, 429, "too-many-failed-logins", "Too many failed attempts",
                "Too many failed authentications from your address or for this account; try again later.");
    }

    static void write(HttpServletResponse response, int status, String slug, String title, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ApiProblems.TYPE_PREFIX + slug);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }

    /** The user named by a Basic header, or null (also for malformed headers). */
    static String basicUser(String authorization) {
        if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            return user.isEmpty() || user.length() > 64 ? null : user;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String bearerToken(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : "";
    }
}

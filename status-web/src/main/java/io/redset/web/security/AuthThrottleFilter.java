package io.redset.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Placed before the authentication filters of a chain: a request that carries credentials from an
 * address, or for an account, that is over its failure limit is answered 429 at once, so no
 * password hash, key lookup or token check runs for it. Requests without credentials pass.
 */
final class AuthThrottleFilter extends OncePerRequestFilter {

    private final AuthThrottle throttle;
    private final AuthThrottle.Kind kind;

    AuthThrottleFilter(AuthThrottle throttle, AuthThrottle.Kind kind) {
        this.throttle = throttle;
        this.kind = kind;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            Optional<Duration> wait = throttle.refusal(kind, request.getRemoteAddr(),
                    ProblemSecurityHandlers.basicUser(authorization));
            if (wait.isPresent()) {
                ProblemSecurityHandlers.tooManyFailures(response, wait.get());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}

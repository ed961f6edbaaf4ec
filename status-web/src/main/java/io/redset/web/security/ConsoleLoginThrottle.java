package io.redset.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Failed console sign-ins cost the guesser: each failure of the login form is counted per client
 * address and per user name ({@link AuthThrottle}, kind {@code CONSOLE}); once either is over its
 * limit, the form's post is sent back to {@code ?throttled} before any password hash runs.
 *
 * <p>Concurrency: stateless; the counts are {@link AuthThrottle}'s.
 */
final class ConsoleLoginThrottle extends OncePerRequestFilter implements AuthenticationFailureHandler {

    static final String LOGIN = "/console/login";

    private final AuthThrottle throttle;

    ConsoleLoginThrottle(AuthThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && LOGIN.equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (throttle.refusal(AuthThrottle.Kind.CONSOLE, request.getRemoteAddr(), request.getParameter("username")).isPresent()) {
            response.sendRedirect(request.getContextPath() + LOGIN + "?throttled");
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        throttle.failed(AuthThrottle.Kind.CONSOLE, request.getRemoteAddr(), request.getParameter("username"));
        response.sendRedirect(request.getContextPath() + LOGIN + "?error");
    }
}

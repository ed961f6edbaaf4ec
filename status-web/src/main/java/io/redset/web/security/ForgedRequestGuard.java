package io.redset.web.security;

import io.redset.engine.ClientText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-site request forgery guard of the HTTP API ({@code /api/**}), for every method that may
 * change something (POST, PUT, PATCH, DELETE):
 * <ul>
 *   <li>a request whose {@code Origin} is neither this server's own origin nor one of
 *       {@code redset.security.allowed-origins} is refused (403), and so is one that a browser
 *       marks {@code Sec-Fetch-Site: cross-site} without an allowed Origin;</li>
 *   <li>a body sent as {@code application/x-www-form-urlencoded}, {@code multipart/form-data} or
 *       {@code text/plain} (the three types an HTML form or a "simple" cross-site request can send
 *       without a CORS preflight) is refused (415): the API takes JSON only.</li>
 * </ul>
 * Programs (curl, app servers) send no Origin and JSON bodies, so they pass unchanged. One exception:
 * the one-click unsubscribe of RFC 8058, which mail providers post as a form from their own
 * servers; it needs no credentials (the token in the URL is the authority), so a forged request
 * can do nothing that the link itself cannot.
 */
final class ForgedRequestGuard extends OncePerRequestFilter {

    static final String ONE_CLICK_UNSUBSCRIBE = "/api/v1/status/subscriptions/unsubscribe";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final List<String> FORM_TYPES = List.of("application/x-www-form-urlencoded", "multipart/form-data",
            "text/plain");

    private final Set<String> allowedOrigins;

    ForgedRequestGuard(List<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf(allowedOrigins.stream().map(ForgedRequestGuard::normalise).toList());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))
                || ONE_CLICK_UNSUBSCRIBE.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        boolean allowedOrigin = origin != null && (normalise(origin).equals(ownOrigin(request))
                || allowedOrigins.contains(normalise(origin)));
        if (origin != null && !allowedOrigin) {
            ProblemSecurityHandlers.write(response, 403, "cross-site-request", "Cross-site request refused",
                    "Requests that change something are not taken from pages of other sites (Origin "
                            + ClientText.printable(origin) + "). Set redset.security.allowed-origins to allow one.");
            return;
        }
        if (!allowedOrigin && "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            ProblemSecurityHandlers.write(response, 403, "cross-site-request", "Cross-site request refused",
                    "Requests that change something are not taken from pages of other sites.");
            return;
        }
        String type = request.getContentType();
        if (type != null) {
            String base = type.toLowerCase(Locale.ROOT);
            int semicolon = base.indexOf(';');
            base = (semicolon < 0 ? base : base.substring(0, semicolon)).trim();
            if (FORM_TYPES.contains(base)) {
                ProblemSecurityHandlers.write(response, 415, "unsupported-media-type", "Unsupported Media Type",
                        "This API takes JSON bodies only (Content-Type: application/json), not " + base + ".");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** scheme://host[:port] of the request as the client addressed it (proxy headers applied by Tomcat when configured). */
    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    static String normalise(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return origin;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return origin;
        }
    }

}

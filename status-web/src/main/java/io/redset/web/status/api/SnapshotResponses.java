package io.redset.web.status.api;

import io.redset.web.status.StatusProperties;
import io.redset.web.status.StatusService;
import io.redset.web.status.render.StatuspageJson;
import io.redset.web.status.snapshot.StatusSnapshot;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Answers GET and HEAD of the Statuspage v2 endpoints, the feeds and the badges straight from the snapshot's
 * pre-rendered bytes, in front of Spring Security and Spring MVC (these paths are public and
 * read-only): the crowd that refreshes during an outage costs a map lookup, an ETag comparison and
 * one write. Sets {@code ETag} (and answers {@code If-None-Match} with 304), {@code Cache-Control},
 * CORS for any origin, {@code X-RedSet-Data-At}, and a Content-Security-Policy that lets none of
 * these documents run or load anything, even an SVG badge opened on its own (Spring Security's
 * header writers never see these answers). Other methods (the CORS preflight) go on to
 * {@link StatuspageController}.
 *
 * <p>Why this design, and what else was weighed: {@code docs/decisions/0004-status-snapshot-ahead-of-mvc.md}.
 */
final class SnapshotResponses extends OncePerRequestFilter {

    static final String DATA_AT = "X-RedSet-Data-At";
    /** Data and images, never active documents; badges style themselves with inline attributes. */
    static final String DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";
    private static final String V2 = "/api/v2/";
    private static final String BADGES = "/badge/";
    private static final Map<String, String> PATHS;

    static {
        java.util.HashMap<String, String> paths = new java.util.HashMap<>();
        for (String endpoint : StatuspageJson.ENDPOINTS) {
            paths.put(V2 + endpoint, endpoint);
        }
        paths.put("/history.atom", "history.atom");
        paths.put("/history.rss", "history.rss");
        PATHS = Map.copyOf(paths);
    }

    private final StatusService status;
    private final String cacheControl;

    public SnapshotResponses(StatusService status, StatusProperties properties) {
        this.status = status;
        this.cacheControl = "public, max-age=" + properties.cacheMaxAge().toSeconds();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !("GET".equals(method) || "HEAD".equals(method)) || name(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        StatusSnapshot snapshot = status.snapshot();
        String name = name(request);
        StatusSnapshot.Rendered body = snapshot.rendered().get(name);
        if (body == null && name.startsWith("badge/")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such badge: the component does not exist");
            return;
        }
        if (body == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("ETag", body.etag());
        response.setHeader("Cache-Control", cacheControl);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", DOCUMENT_CSP);
        response.setHeader(DATA_AT, snapshot.dataReadAt() == null ? "never"
                : DateTimeFormatter.ISO_INSTANT.format(snapshot.dataReadAt()));
        if (request.getHeader("Origin") != null) {
            response.setHeader("Access-Control-Allow-Origin", "*");
            response.setHeader("Access-Control-Expose-Headers", "ETag, " + DATA_AT);
        }
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && matches(ifNoneMatch, body.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(body.contentType());
        response.setContentLength(body.body().length);
        if ("GET".equals(request.getMethod())) {
            response.getOutputStream().write(body.body());
        }
    }

    private static String name(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = context.isEmpty() ? uri : uri.substring(context.length());
        return path.startsWith(BADGES) && path.endsWith(".svg") ? path.substring(1) : PATHS.get(path);
    }

    static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}

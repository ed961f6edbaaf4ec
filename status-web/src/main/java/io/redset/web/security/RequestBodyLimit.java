package io.redset.web.security;

import io.redset.web.api.BodyTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Bounds every request body of the HTTP API ({@code /api/**}), whatever reads it (JsonInput,
 * Jackson, a {@code @RequestBody String}): a declared {@code Content-Length} over the limit is
 * answered 413 before anything is read, and a chunked body is cut off at the limit (the read
 * fails, the request is answered 413 and nothing is changed). The inbound Alertmanager webhook has
 * a larger limit of its own (alert batches).
 */
final class RequestBodyLimit extends OncePerRequestFilter {

    static final String ALERTMANAGER_PATH = "/api/v1/alerts/alertmanager";

    private final long limit;
    private final long alertmanagerLimit;

    RequestBodyLimit(long limit, long alertmanagerLimit) {
        this.limit = limit;
        this.alertmanagerLimit = alertmanagerLimit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = ALERTMANAGER_PATH.equals(request.getRequestURI()) ? alertmanagerLimit : limit;
        long declared = request.getContentLengthLong();
        if (declared > max) {
            tooLarge(response, max);
            return;
        }
        try {
            chain.doFilter(declared >= 0 ? request : new Bounded(request, max), response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (BodyTooLargeException.in(e) != null && !response.isCommitted()) {
                response.reset();
                tooLarge(response, max);
                return;
            }
            throw e;
        }
    }

    private static void tooLarge(HttpServletResponse response, long max) throws IOException {
        response.setHeader("Connection", "close");
        ProblemSecurityHandlers.write(response, 413, "payload-too-large", "Request body too large",
                "body must be at most " + max + " bytes");
    }

    private static final class Bounded extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > max) {
                            throw new BodyTooLargeException(max);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = in.read(buf, off, len);
                        if (n > 0 && (read += n) > max) {
                            throw new BodyTooLargeException(max);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding()));
        }
    }
}

package io.redset.probes.http;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static io.redset.probes.internal.SettingChecks.positiveOrNull;

/**
 * One HTTP probe target (an entry of {@code redset.probes.http[i]}): a URL checked like Uptime Kuma
 * or Gatus do, with conditions on the status code, the latency and the body. Each target is its own
 * component, {@code http-<name>}. Build with {@link #custom(String, URI)}.
 *
 * <p>Outcome of a run: FAILED when the request fails or times out, the status is not one of
 * {@code expectedStatus}, or a body condition does not hold; otherwise DEGRADED when it took longer
 * than {@code maxLatency}; otherwise OK.
 */
public final class HttpProbeConfig {

    public static final String DEFAULT_METHOD = "GET";
    public static final int MAX_BODY_BYTES = 1 << 20;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,58}");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "OPTIONS");

    private final String name;
    private final String displayName;
    private final String description;
    private final String group;
    private final URI url;
    private final String method;
    private final Map<String, String> headers;
    private final StatusCodes expectedStatus;
    private final Duration maxLatency;
    private final String bodyContains;
    private final Pattern bodyMatches;
    private final Duration interval;
    private final Duration timeout;

    private HttpProbeConfig(Builder b) {
        String key = "http[" + b.name + "]";
        if (b.name == null || !NAME.matcher(b.name).matches()) {
            throw new IllegalArgumentException("http[].name must be 1..59 characters of a-z, 0-9, '-' and '_', was " + b.name);
        }
        this.name = b.name;
        if (b.url == null || b.url.getScheme() == null || !Set.of("http", "https").contains(b.url.getScheme().toLowerCase())
                || b.url.getHost() == null) {
            throw new IllegalArgumentException(key + ".url must be an absolute http or https URL, was " + b.url);
        }
        this.url = b.url;
        this.displayName = b.displayName == null || b.displayName.isBlank() ? b.name : b.displayName;
        this.description = b.description == null ? "" : b.description;
        this.group = b.group == null || b.group.isBlank() ? null : b.group;
        String m = b.method == null ? DEFAULT_METHOD : b.method.toUpperCase();
        if (!METHODS.contains(m)) {
            throw new IllegalArgumentException(key + ".method must be one of " + METHODS + ", was " + b.method);
        }
        this.method = m;
        this.headers = Map.copyOf(b.headers);
        this.expectedStatus = Objects.requireNonNull(b.expectedStatus, key + ".expected-status");
        this.maxLatency = positiveOrNull(key + ".max-latency", b.maxLatency);
        this.bodyContains = b.bodyContains == null || b.bodyContains.isEmpty() ? null : b.bodyContains;
        this.bodyMatches = b.bodyMatches;
        this.interval = positiveOrNull(key + ".interval", b.interval);
        this.timeout = positiveOrNull(key + ".timeout", b.timeout);
    }

    public static Builder custom(String name, URI url) {
        return new Builder(name, url);
    }

    public String name() { return name; }
    /** Shown on the status page; the name when not set. */
    public String displayName() { return displayName; }
    public String description() { return description; }
    /** The status page group; null: the general {@code http-group}. */
    public String group() { return group; }
    public URI url() { return url; }
    public String method() { return method; }
    public Map<String, String> headers() { return headers; }
    public StatusCodes expectedStatus() { return expectedStatus; }
    /** Slower than this is DEGRADED; null: no latency condition (the timeout still applies). */
    public Duration maxLatency() { return maxLatency; }
    /** The body must contain this text; null: no condition. */
    public String bodyContains() { return bodyContains; }
    /** The body must contain a match of this regular expression; null: no condition. */
    public Pattern bodyMatches() { return bodyMatches; }
    /** null: the general {@code interval}. */
    public Duration interval() { return interval; }
    /** null: the general {@code timeout}. */
    public Duration timeout() { return timeout; }

    @Override
    public String toString() {
        return "HttpProbeConfig[" + name + " " + method + " " + url + ", expect " + expectedStatus + "]";
    }

    public static final class Builder {
        private final String name;
        private final URI url;
        private String displayName;
        private String description;
        private String group;
        private String method;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private StatusCodes expectedStatus = StatusCodes.SUCCESS;
        private Duration maxLatency;
        private String bodyContains;
        private Pattern bodyMatches;
        private Duration interval;
        private Duration timeout;

        private Builder(String name, URI url) {
            this.name = name;
            this.url = url;
        }

        public Builder displayName(String v) { displayName = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder group(String v) { group = v; return this; }
        public Builder method(String v) { method = v; return this; }
        public Builder header(String name, String value) { headers.put(name, value); return this; }
        public Builder headers(Map<String, String> v) { if (v != null) { headers.putAll(v); } return this; }
        public Builder expectedStatus(StatusCodes v) { if (v != null) { expectedStatus = v; } return this; }
        /** {@code 200}, {@code 200-299}, {@code 2xx}, or a comma-separated list of those. */
        public Builder expectedStatus(String v) {
            if (v != null) {
                try {
                    expectedStatus = StatusCodes.parse(v);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("http[" + name + "].expected-status: " + e.getMessage(), e);
                }
            }
            return this;
        }
        public Builder maxLatency(Duration v) { maxLatency = v; return this; }
        public Builder bodyContains(String v) { bodyContains = v; return this; }
        public Builder bodyMatches(String regex) {
            if (regex == null || regex.isEmpty()) {
                bodyMatches = null;
                return this;
            }
            try {
                bodyMatches = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("http[" + name + "].body-matches is not a regular expression: "
                        + e.getDescription(), e);
            }
            return this;
        }
        public Builder interval(Duration v) { interval = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }

        public HttpProbeConfig build() {
            return new HttpProbeConfig(this);
        }
    }
}

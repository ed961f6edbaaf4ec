package io.redset.alerts;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redset.probes.MaintenanceWindows;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable configuration of the alerts; build with {@link #custom()}. Bad values fail at build time
 * with a message that starts with the setting's key under {@code redset.alerts}. Rules saved in the
 * control database, acknowledgements and silences are the run-time inputs ({@link Alerts}).
 */
public final class AlertsConfig {

    public static final Duration DEFAULT_EVALUATION_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_EVALUATION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofHours(8);
    public static final Duration DEFAULT_OUTBOX_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_RETRY_ATTEMPTS = 3;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_DELIVERY_EXPIRY = Duration.ofHours(6);
    public static final int DEFAULT_MESSAGE_CONCURRENCY = 16;
    public static final Duration DEFAULT_OUTBOX_RETENTION = Duration.ofDays(30);
    public static final String DEFAULT_EXTERNAL_URL = "http://localhost:8080";
    public static final long DEFAULT_WINDOW_DIVISOR = 1;

    private final Duration evaluationInterval;
    private final Duration evaluationTimeout;
    private final Duration ackTimeout;
    private final Duration outboxPollInterval;
    private final int retryAttempts;
    private final Duration retryBackoff;
    private final Duration deliveryExpiry;
    private final int messageConcurrency;
    private final boolean privateMessageTargets;
    private final Duration outboxRetention;
    private final String externalUrl;
    private final long windowDivisor;
    private final List<AlertRule> defaultRules;
    private final List<ReceiverConfig> receivers;
    private final List<Route> routes;
    private final Clock clock;
    private final MeterRegistry meterRegistry;
    private final MaintenanceWindows maintenance;
    private final boolean backgroundThreads;

    private AlertsConfig(Builder b) {
        this.evaluationInterval = b.evaluationInterval;
        this.evaluationTimeout = b.evaluationTimeout;
        this.ackTimeout = b.ackTimeout;
        this.outboxPollInterval = b.outboxPollInterval;
        this.retryAttempts = b.retryAttempts;
        this.retryBackoff = b.retryBackoff;
        this.deliveryExpiry = b.deliveryExpiry;
        this.messageConcurrency = b.messageConcurrency;
        this.privateMessageTargets = b.privateMessageTargets;
        this.outboxRetention = b.outboxRetention;
        this.externalUrl = b.externalUrl;
        this.windowDivisor = b.windowDivisor;
        this.defaultRules = List.copyOf(b.defaultRules);
        this.receivers = List.copyOf(b.receivers);
        this.routes = List.copyOf(b.routes);
        this.clock = b.clock;
        this.meterRegistry = b.meterRegistry;
        this.maintenance = b.maintenance;
        this.backgroundThreads = b.backgroundThreads;
    }

    public static AlertsConfig ofDefaults() {
        return custom().build();
    }

    public static Builder custom() {
        return new Builder();
    }

    public static Builder from(AlertsConfig c) {
        return new Builder(c);
    }

    /** How often the rules are evaluated ({@code evaluation-interval}, default 10s). */
    public Duration evaluationInterval() { return evaluationInterval; }
    /** Time limit of one evaluation, database writes included ({@code evaluation-timeout}, default 5s). */
    public Duration evaluationTimeout() { return evaluationTimeout; }
    /** An acknowledgement ends after this and the alert notifies again ({@code ack-timeout}, default 8h). */
    public Duration ackTimeout() { return ackTimeout; }
    public Duration outboxPollInterval() { return outboxPollInterval; }
    /** Attempts per delivery round (Resilience4j Retry) ({@code retry.attempts}, default 3). */
    public int retryAttempts() { return retryAttempts; }
    /** First wait between attempts, doubled each time ({@code retry.backoff}, default 500ms). */
    public Duration retryBackoff() { return retryBackoff; }
    /** An undelivered notification is given up after this ({@code delivery-expiry}, default 6h). */
    public Duration deliveryExpiry() { return deliveryExpiry; }
    /** One-off messages (subscribers) sent at once ({@code message-concurrency}, default 16; mind the SMTP relay's limits). */
    public int messageConcurrency() { return messageConcurrency; }
    /** Messages may go to webhooks on loopback and private networks (off: checked before every send). */
    public boolean privateMessageTargets() { return privateMessageTargets; }
    /** Delivered, failed and expired outbox rows are deleted this long after they were stored. */
    public Duration outboxRetention() { return outboxRetention; }
    /** Base URL of the console in links ({@code external-url}). */
    public String externalUrl() { return externalUrl; }
    /** Every rule window is divided by this (tests and demos; 1 in production). */
    public long windowDivisor() { return windowDivisor; }
    /** The rules before the control database's saved rules are applied (the jar's defaults unless set). */
    public List<AlertRule> defaultRules() { return defaultRules; }
    public List<ReceiverConfig> receivers() { return receivers; }
    public List<Route> routes() { return routes; }
    public Clock clock() { return clock; }
    public MeterRegistry meterRegistry() { return meterRegistry; }
    public MaintenanceWindows maintenance() { return maintenance; }
    public boolean backgroundThreads() { return backgroundThreads; }

    public static final class Builder {
        private Duration evaluationInterval = DEFAULT_EVALUATION_INTERVAL;
        private Duration evaluationTimeout = DEFAULT_EVALUATION_TIMEOUT;
        private Duration ackTimeout = DEFAULT_ACK_TIMEOUT;
        private Duration outboxPollInterval = DEFAULT_OUTBOX_POLL_INTERVAL;
        private int retryAttempts = DEFAULT_RETRY_ATTEMPTS;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private Duration deliveryExpiry = DEFAULT_DELIVERY_EXPIRY;
        private int messageConcurrency = DEFAULT_MESSAGE_CONCURRENCY;
        private boolean privateMessageTargets;
        private Duration outboxRetention = DEFAULT_OUTBOX_RETENTION;
        private String externalUrl = DEFAULT_EXTERNAL_URL;
        private long windowDivisor = DEFAULT_WINDOW_DIVISOR;
        private List<AlertRule> defaultRules;
        private List<ReceiverConfig> receivers = List.of();
        private List<Route> routes = List.of();
        private Clock clock = Clock.systemUTC();
        private MeterRegistry meterRegistry;
        private MaintenanceWindows maintenance = MaintenanceWindows.none();
        private boolean backgroundThreads = true;

        private Builder() {
        }

        private Builder(AlertsConfig c) {
            evaluationInterval = c.evaluationInterval;
            evaluationTimeout = c.evaluationTimeout;
            ackTimeout = c.ackTimeout;
            outboxPollInterval = c.outboxPollInterval;
            retryAttempts = c.retryAttempts;
            retryBackoff = c.retryBackoff;
            deliveryExpiry = c.deliveryExpiry;
            messageConcurrency = c.messageConcurrency;
            privateMessageTargets = c.privateMessageTargets;
            outboxRetention = c.outboxRetention;
            externalUrl = c.externalUrl;
            windowDivisor = c.windowDivisor;
            defaultRules = c.defaultRules;
            receivers = c.receivers;
            routes = c.routes;
            clock = c.clock;
            meterRegistry = c.meterRegistry;
            maintenance = c.maintenance;
            backgroundThreads = c.backgroundThreads;
        }

        public Builder evaluationInterval(Duration d) { evaluationInterval = d; return this; }
        public Builder evaluationTimeout(Duration d) { evaluationTimeout = d; return this; }
        /** Zero: acknowledgements never time out. */
        public Builder ackTimeout(Duration d) { ackTimeout = d; return this; }
        public Builder outboxPollInterval(Duration d) { outboxPollInterval = d; return this; }
        public Builder retryAttempts(int n) { retryAttempts = n; return this; }
        public Builder retryBackoff(Duration d) { retryBackoff = d; return this; }
        public Builder deliveryExpiry(Duration d) { deliveryExpiry = d; return this; }
        public Builder messageConcurrency(int n) { messageConcurrency = n; return this; }
        public Builder privateMessageTargets(boolean allowed) { privateMessageTargets = allowed; return this; }
        public Builder outboxRetention(Duration d) { outboxRetention = d; return this; }
        public Builder externalUrl(String url) { externalUrl = url; return this; }
        public Builder windowDivisor(long n) { windowDivisor = n; return this; }
        public Builder defaultRules(List<AlertRule> rules) { defaultRules = rules; return this; }
        public Builder receivers(List<ReceiverConfig> r) { receivers = r; return this; }
        public Builder routes(List<Route> r) { routes = r; return this; }
        public Builder clock(Clock c) { clock = c; return this; }
        public Builder meterRegistry(MeterRegistry r) { meterRegistry = r; return this; }
        public Builder maintenance(MaintenanceWindows m) { maintenance = m; return this; }
        /** false: no threads; a test calls {@link Alerts#evaluate()} and {@link Alerts#deliverDue()} itself. */
        public Builder backgroundThreads(boolean on) { backgroundThreads = on; return this; }

        public AlertsConfig build() {
            positive("evaluation-interval", evaluationInterval);
            positive("evaluation-timeout", evaluationTimeout);
            if (ackTimeout == null || ackTimeout.isNegative()) {
                throw new IllegalArgumentException("ack-timeout must be zero (never) or positive, was " + ackTimeout);
            }
            positive("outbox-poll-interval", outboxPollInterval);
            if (retryAttempts < 1 || retryAttempts > 20) {
                throw new IllegalArgumentException("retry.attempts must be 1..20, was " + retryAttempts);
            }
            positive("retry.backoff", retryBackoff);
            positive("delivery-expiry", deliveryExpiry);
            // a row's dedup key must outlive every retry of it and every later hand-over of the same key
            if (outboxRetention == null || outboxRetention.compareTo(Duration.ofDays(1)) < 0
                    || outboxRetention.compareTo(deliveryExpiry) <= 0) {
                throw new IllegalArgumentException("outbox-retention must be at least 1 day and longer than delivery-expiry ("
                        + deliveryExpiry + "), was " + outboxRetention);
            }
            if (messageConcurrency < 1 || messageConcurrency > 256) {
                throw new IllegalArgumentException("message-concurrency must be 1..256, was " + messageConcurrency);
            }
            if (externalUrl == null || !externalUrl.matches("https?://\\S+")) {
                throw new IllegalArgumentException("external-url must be an http(s) URL, was " + externalUrl);
            }
            while (externalUrl.endsWith("/")) {
                externalUrl = externalUrl.substring(0, externalUrl.length() - 1);
            }
            if (windowDivisor < 1 || windowDivisor > 100_000) {
                throw new IllegalArgumentException("window-divisor must be 1..100000, was " + windowDivisor);
            }
            if (defaultRules == null) {
                defaultRules = AlertRules.defaults();
            }
            Objects.requireNonNull(receivers, "receivers");
            Objects.requireNonNull(routes, "routes");
            Set<String> names = new HashSet<>();
            for (ReceiverConfig r : receivers) {
                if (!names.add(r.name())) {
                    throw new IllegalArgumentException("receivers." + r.name() + " is defined twice");
                }
                Notifiers.of(r.type()).create(r, null); // validates the type's settings now, naming the key
            }
            List<Route> checked = new ArrayList<>();
            for (Route r : routes) {
                if (!names.contains(r.receiver())) {
                    throw new IllegalArgumentException("routes: receiver " + r.receiver() + " is not defined under receivers");
                }
                ReceiverConfig target = receivers.stream().filter(x -> x.name().equals(r.receiver())).findFirst().orElseThrow();
                if (target.type() == ReceiverType.EMAIL && target.setting("to", null) == null) {
                    throw new IllegalArgumentException(target.key("to") + " is required: a route sends alerts to this receiver");
                }
                checked.add(r);
            }
            routes = checked;
            Objects.requireNonNull(clock, "clock");
            if (meterRegistry == null) {
                meterRegistry = new SimpleMeterRegistry();
            }
            Objects.requireNonNull(maintenance, "maintenance");
            return new AlertsConfig(this);
        }

        private static void positive(String key, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(key + " must be positive, was " + d);
            }
        }
    }
}

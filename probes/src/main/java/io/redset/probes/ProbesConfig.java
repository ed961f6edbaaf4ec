package io.redset.probes;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redset.probes.canary.CanaryProbeConfig;
import io.redset.probes.db.DbProbeConfig;
import io.redset.probes.engine.EngineProbeConfig;
import io.redset.probes.http.HttpProbeConfig;
import io.redset.probes.reconcile.ReconcileProbeConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.redset.probes.internal.SettingChecks.check;
import static io.redset.probes.internal.SettingChecks.notNegative;
import static io.redset.probes.internal.SettingChecks.positive;
import static io.redset.probes.internal.SettingChecks.range;

/**
 * Immutable configuration of the probes; build with {@link #custom()}. Bad values fail at build time
 * with a message that starts with the setting's key under {@code redset.probes}. Nothing here changes
 * while running; overrides and maintenance are the run-time inputs ({@link ComponentHealth}).
 */
public final class ProbesConfig {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_JITTER = Duration.ofSeconds(1);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_THREADS = 8;
    public static final int DEFAULT_FAILURES_TO_DOWN = 3;
    public static final int DEFAULT_SUCCESSES_TO_UP = 2;
    public static final Duration DEFAULT_RAW_RETENTION = Duration.ofDays(7);
    public static final Duration DEFAULT_ROLLUP_RETENTION = Duration.ofDays(90);
    public static final Duration DEFAULT_HOUSEKEEPING_INTERVAL = Duration.ofMinutes(5);
    public static final String DEFAULT_SET_GROUP = "Red envelope claims";
    public static final String DEFAULT_HTTP_GROUP = "Websites";
    public static final int MAX_HYSTERESIS = 100;

    /** Name, description and group of one component shown on the status page; null keeps the default. */
    public record ComponentText(String name, String description, String group) {
    }

    private final Duration interval;
    private final Duration jitter;
    private final Duration timeout;
    private final int threads;
    private final int failuresToDown;
    private final int successesToUp;
    private final Duration rawRetention;
    private final Duration rollupRetention;
    private final Duration housekeepingInterval;
    private final ZoneId zone;
    private final Clock clock;
    private final MeterRegistry meterRegistry;
    private final String setGroup;
    private final String httpGroup;
    private final Map<ComponentId, ComponentText> components;
    private final DbProbeConfig db;
    private final CanaryProbeConfig canary;
    private final ReconcileProbeConfig reconcile;
    private final EngineProbeConfig engine;
    private final List<HttpProbeConfig> http;
    private final MaintenanceWindows maintenance;
    private final boolean backgroundThreads;

    private ProbesConfig(Builder b) {
        this.interval = b.interval;
        this.jitter = b.jitter;
        this.timeout = b.timeout;
        this.threads = b.threads;
        this.failuresToDown = b.failuresToDown;
        this.successesToUp = b.successesToUp;
        this.rawRetention = b.rawRetention;
        this.rollupRetention = b.rollupRetention;
        this.housekeepingInterval = b.housekeepingInterval;
        this.zone = b.zone;
        this.clock = b.clock;
        this.meterRegistry = b.meterRegistry == null ? new SimpleMeterRegistry() : b.meterRegistry;
        this.setGroup = b.setGroup;
        this.httpGroup = b.httpGroup;
        this.components = Map.copyOf(b.components);
        this.db = b.db;
        this.canary = b.canary;
        this.reconcile = b.reconcile;
        this.engine = b.engine;
        this.http = List.copyOf(b.http);
        this.maintenance = b.maintenance;
        this.backgroundThreads = b.backgroundThreads;

        check(jitter.compareTo(interval) < 0, "jitter (" + jitter + ") must be shorter than interval (" + interval + ")");
        check(rollupRetention.compareTo(rawRetention) >= 0,
                "rollup-retention (" + rollupRetention + ") must be at least raw-retention (" + rawRetention + ")");
        checkSchedule("db", db.enabled(), db.interval(), db.timeout());
        checkSchedule("canary", canary.enabled(), canary.interval(), canary.timeout());
        checkSchedule("reconcile", reconcile.enabled(), reconcile.interval(), reconcile.timeout());
        checkSchedule("engine", engine.enabled(), engine.interval(), engine.timeout());
        Set<String> names = new HashSet<>();
        for (HttpProbeConfig h : http) {
            check(names.add(h.name()), "http[].name must be unique, '" + h.name() + "' appears twice");
            checkSchedule("http[" + h.name() + "]", true, h.interval(), h.timeout());
        }
    }

    private void checkSchedule(String key, boolean enabled, Duration ownInterval, Duration ownTimeout) {
        if (!enabled) {
            return;
        }
        Duration i = intervalOf(ownInterval);
        Duration t = timeoutOf(ownTimeout);
        check(t.compareTo(i) <= 0, key + ": timeout (" + t + ") must not exceed interval (" + i
                + "): runs of one probe never overlap");
        check(jitter.compareTo(i) < 0, key + ": jitter (" + jitter + ") must be shorter than interval (" + i + ")");
    }

    public static ProbesConfig ofDefaults() {
        return custom().build();
    }

    public static Builder custom() {
        return new Builder();
    }

    public static Builder from(ProbesConfig c) {
        Builder b = new Builder();
        b.interval = c.interval;
        b.jitter = c.jitter;
        b.timeout = c.timeout;
        b.threads = c.threads;
        b.failuresToDown = c.failuresToDown;
        b.successesToUp = c.successesToUp;
        b.rawRetention = c.rawRetention;
        b.rollupRetention = c.rollupRetention;
        b.housekeepingInterval = c.housekeepingInterval;
        b.zone = c.zone;
        b.clock = c.clock;
        b.meterRegistry = c.meterRegistry;
        b.setGroup = c.setGroup;
        b.httpGroup = c.httpGroup;
        b.components.putAll(c.components);
        b.db = c.db;
        b.canary = c.canary;
        b.reconcile = c.reconcile;
        b.engine = c.engine;
        b.http.addAll(c.http);
        b.maintenance = c.maintenance;
        b.backgroundThreads = c.backgroundThreads;
        return b;
    }

    /** How often each probe runs (each probe type may set its own). */
    public Duration interval() { return interval; }
    /** Each run starts up to this much after its slot, at random, so probes do not fire together. */
    public Duration jitter() { return jitter; }
    /** How long a run may take before it counts as failed (each probe type may set its own). */
    public Duration timeout() { return timeout; }
    /** Probe runs in parallel at most; one probe never has two runs at once. */
    public int threads() { return threads; }
    /** N: consecutive bad results before a probe goes down a level. */
    public int failuresToDown() { return failuresToDown; }
    /** M: consecutive better results before a probe comes back up. */
    public int successesToUp() { return successesToUp; }
    /** Raw results are kept this long (whole days, dropped by partition). */
    public Duration rawRetention() { return rawRetention; }
    /** Daily rollups and status changes are kept this long. */
    public Duration rollupRetention() { return rollupRetention; }
    /** How often partitions are created ahead, old ones dropped and the rollups recomputed. */
    public Duration housekeepingInterval() { return housekeepingInterval; }
    /** The calendar of result partitions and daily rollups. */
    public ZoneId zone() { return zone; }
    public Clock clock() { return clock; }
    public MeterRegistry meterRegistry() { return meterRegistry; }
    public String setGroup() { return setGroup; }
    public String httpGroup() { return httpGroup; }
    public Map<ComponentId, ComponentText> components() { return components; }
    public DbProbeConfig db() { return db; }
    public CanaryProbeConfig canary() { return canary; }
    public ReconcileProbeConfig reconcile() { return reconcile; }
    public EngineProbeConfig engine() { return engine; }
    public List<HttpProbeConfig> http() { return http; }
    public MaintenanceWindows maintenance() { return maintenance; }
    /** Whether the module runs its ticker, writer and housekeeping threads (tests drive them by hand). */
    public boolean backgroundThreads() { return backgroundThreads; }

    /** A probe's own interval, or the general one. */
    public Duration intervalOf(Duration own) {
        return own != null ? own : interval;
    }

    /** A probe's own timeout, or the general one. */
    public Duration timeoutOf(Duration own) {
        return own != null ? own : timeout;
    }

    public static final class Builder {
        private Duration interval = DEFAULT_INTERVAL;
        private Duration jitter = DEFAULT_JITTER;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int threads = DEFAULT_THREADS;
        private int failuresToDown = DEFAULT_FAILURES_TO_DOWN;
        private int successesToUp = DEFAULT_SUCCESSES_TO_UP;
        private Duration rawRetention = DEFAULT_RAW_RETENTION;
        private Duration rollupRetention = DEFAULT_ROLLUP_RETENTION;
        private Duration housekeepingInterval = DEFAULT_HOUSEKEEPING_INTERVAL;
        private ZoneId zone = ZoneOffset.UTC;
        private Clock clock = Clock.systemUTC();
        private MeterRegistry meterRegistry;
        private String setGroup = DEFAULT_SET_GROUP;
        private String httpGroup = DEFAULT_HTTP_GROUP;
        private final Map<ComponentId, ComponentText> components = new LinkedHashMap<>();
        private DbProbeConfig db = DbProbeConfig.ofDefaults();
        private CanaryProbeConfig canary = CanaryProbeConfig.ofDefaults();
        private ReconcileProbeConfig reconcile = ReconcileProbeConfig.ofDefaults();
        private EngineProbeConfig engine = EngineProbeConfig.ofDefaults();
        private final List<HttpProbeConfig> http = new ArrayList<>();
        private MaintenanceWindows maintenance = MaintenanceWindows.none();
        private boolean backgroundThreads = true;

        private Builder() {
        }

        public Builder interval(Duration v) {
            positive("interval", v);
            check(v.compareTo(Duration.ofMillis(100)) >= 0, "interval must be at least 100ms, was " + v);
            interval = v;
            return this;
        }

        public Builder jitter(Duration v) { jitter = notNegative("jitter", v); return this; }
        public Builder timeout(Duration v) { timeout = positive("timeout", v); return this; }
        public Builder threads(int v) { threads = range("threads", v, 1, 256); return this; }
        public Builder failuresToDown(int v) { failuresToDown = range("failures-to-down", v, 1, MAX_HYSTERESIS); return this; }
        public Builder successesToUp(int v) { successesToUp = range("successes-to-up", v, 1, MAX_HYSTERESIS); return this; }

        public Builder rawRetention(Duration v) {
            check(v != null && v.compareTo(Duration.ofDays(1)) >= 0, "raw-retention must be at least 1 day, was " + v);
            rawRetention = v;
            return this;
        }

        public Builder rollupRetention(Duration v) {
            check(v != null && v.compareTo(Duration.ofDays(1)) >= 0, "rollup-retention must be at least 1 day, was " + v);
            rollupRetention = v;
            return this;
        }

        public Builder housekeepingInterval(Duration v) { housekeepingInterval = positive("housekeeping-interval", v); return this; }
        public Builder zone(ZoneId v) { zone = Objects.requireNonNull(v, "zone"); return this; }
        public Builder clock(Clock v) { clock = Objects.requireNonNull(v, "clock"); return this; }
        public Builder meterRegistry(MeterRegistry v) { meterRegistry = v; return this; }

        public Builder setGroup(String v) {
            check(v != null && !v.isBlank() && v.length() <= 100, "set-group must be 1..100 characters, was " + v);
            setGroup = v;
            return this;
        }

        public Builder httpGroup(String v) {
            check(v != null && !v.isBlank() && v.length() <= 100, "http-group must be 1..100 characters, was " + v);
            httpGroup = v;
            return this;
        }

        /** The status page name, description or group of one component (null parts keep the default). */
        public Builder component(ComponentId id, ComponentText text) {
            components.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(text, "text"));
            return this;
        }

        public Builder db(DbProbeConfig v) { db = Objects.requireNonNull(v, "db"); return this; }
        public Builder canary(CanaryProbeConfig v) { canary = Objects.requireNonNull(v, "canary"); return this; }
        public Builder reconcile(ReconcileProbeConfig v) { reconcile = Objects.requireNonNull(v, "reconcile"); return this; }
        public Builder engine(EngineProbeConfig v) { engine = Objects.requireNonNull(v, "engine"); return this; }
        public Builder http(HttpProbeConfig v) { http.add(Objects.requireNonNull(v, "http")); return this; }
        public Builder http(List<HttpProbeConfig> v) { http.clear(); http.addAll(v); return this; }
        public Builder maintenance(MaintenanceWindows v) { maintenance = Objects.requireNonNull(v, "maintenance"); return this; }
        public Builder backgroundThreads(boolean v) { backgroundThreads = v; return this; }

        public ProbesConfig build() {
            return new ProbesConfig(this);
        }
    }
}

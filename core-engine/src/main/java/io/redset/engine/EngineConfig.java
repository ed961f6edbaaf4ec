package io.redset.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Immutable engine configuration; build with {@link #custom()}. Bad values fail at build time with
 * a message naming the setting. Only the per-SET {@link SetLimits} and modes change while running.
 */
public final class EngineConfig {

    public static final int DEFAULT_SET_COUNT = 4;
    public static final int DEFAULT_LANES_PER_SET = 2;
    public static final Duration DEFAULT_ENVELOPE_LIFETIME = Duration.ofHours(24);
    public static final Duration MAX_ENVELOPE_LIFETIME = Duration.ofDays(20);
    public static final Duration DEFAULT_CLAIM_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_ARCHIVE_INTERVAL = Duration.ofHours(1);
    public static final double DEFAULT_DEGRADED_RATE_FACTOR = 0.25;
    public static final long DEFAULT_MAX_TOTAL_FEN = 20_000;
    public static final int DEFAULT_MAX_COUNT = 100;
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_GREETING_LENGTH = 100;

    private final int setCount;
    private final Set<SetId> ownedSets;
    private final int lanesPerSet;
    private final Duration envelopeLifetime;
    private final Duration claimTimeout;
    private final Duration sweepInterval;
    private final Duration archiveInterval;
    private final double degradedRateFactor;
    private final long maxTotalFen;
    private final int maxCount;
    private final ZoneId zone;
    private final Clock clock;
    private final SetLimits limits;
    private final CircuitSettings circuit;
    private final MeterRegistry meterRegistry;
    private final ModeStore modeStore;
    private final boolean backgroundJobs;

    private EngineConfig(Builder b) {
        this.setCount = b.setCount;
        this.ownedSets = b.ownedSets == null ? allSets(b.setCount) : Collections.unmodifiableSet(new TreeSet<>(b.ownedSets));
        for (SetId s : ownedSets) {
            if (s.index() >= setCount) {
                throw new IllegalArgumentException("ownedSets names SET " + s + " but setCount is " + setCount);
            }
        }
        this.lanesPerSet = b.lanesPerSet;
        this.envelopeLifetime = b.envelopeLifetime;
        this.claimTimeout = b.claimTimeout;
        this.sweepInterval = b.sweepInterval;
        this.archiveInterval = b.archiveInterval;
        this.degradedRateFactor = b.degradedRateFactor;
        this.maxTotalFen = b.maxTotalFen;
        this.maxCount = b.maxCount;
        if (maxTotalFen < maxCount) {
            throw new IllegalArgumentException("maxTotalFen (" + maxTotalFen + ") must be at least maxCount (" + maxCount + ")");
        }
        this.zone = b.zone;
        this.clock = b.clock;
        this.limits = b.limits;
        this.circuit = b.circuit;
        this.meterRegistry = b.meterRegistry == null ? new SimpleMeterRegistry() : b.meterRegistry;
        this.modeStore = b.modeStore == null ? ModeStore.inMemory() : b.modeStore;
        this.backgroundJobs = b.backgroundJobs;
    }

    private static Set<SetId> allSets(int count) {
        TreeSet<SetId> all = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            all.add(SetId.of(i));
        }
        return Collections.unmodifiableSet(all);
    }

    public static EngineConfig ofDefaults() {
        return custom().build();
    }

    public static Builder custom() {
        return new Builder();
    }

    public int setCount() { return setCount; }
    public Set<SetId> ownedSets() { return ownedSets; }
    public Set<SetId> allSets() { return allSets(setCount); }
    public int lanesPerSet() { return lanesPerSet; }
    public Duration envelopeLifetime() { return envelopeLifetime; }
    public Duration claimTimeout() { return claimTimeout; }
    public Duration sweepInterval() { return sweepInterval; }
    public Duration archiveInterval() { return archiveInterval; }
    public double degradedRateFactor() { return degradedRateFactor; }
    public long maxTotalFen() { return maxTotalFen; }
    public int maxCount() { return maxCount; }
    /** The zone whose calendar day goes into envelope ids and day partitions. */
    public ZoneId zone() { return zone; }
    public Clock clock() { return clock; }
    public SetLimits limits() { return limits; }
    public CircuitSettings circuit() { return circuit; }
    public MeterRegistry meterRegistry() { return meterRegistry; }
    public ModeStore modeStore() { return modeStore; }
    /** Whether the engine schedules its expiry sweeper and archiver itself (tests drive them by hand). */
    public boolean backgroundJobs() { return backgroundJobs; }

    /** Circuit breaker of each SET database. */
    public record CircuitSettings(float failureRateThreshold, int minimumNumberOfCalls, int slidingWindowSize,
                                  Duration waitInOpenState, int permittedCallsInHalfOpenState) {
        public static CircuitSettings ofDefaults() {
            return new CircuitSettings(50f, 4, 20, Duration.ofSeconds(5), 2);
        }
    }

    public static final class Builder {
        private int setCount = DEFAULT_SET_COUNT;
        private Set<SetId> ownedSets;
        private int lanesPerSet = DEFAULT_LANES_PER_SET;
        private Duration envelopeLifetime = DEFAULT_ENVELOPE_LIFETIME;
        private Duration claimTimeout = DEFAULT_CLAIM_TIMEOUT;
        private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
        private Duration archiveInterval = DEFAULT_ARCHIVE_INTERVAL;
        private double degradedRateFactor = DEFAULT_DEGRADED_RATE_FACTOR;
        private long maxTotalFen = DEFAULT_MAX_TOTAL_FEN;
        private int maxCount = DEFAULT_MAX_COUNT;
        private ZoneId zone = ZoneOffset.UTC;
        private Clock clock = Clock.systemUTC();
        private SetLimits limits = SetLimits.ofDefaults();
        private CircuitSettings circuit = CircuitSettings.ofDefaults();
        private MeterRegistry meterRegistry;
        private ModeStore modeStore;
        private boolean backgroundJobs = true;

        private Builder() {
        }

        public Builder setCount(int v) {
            if (v < 1 || v > SetId.MAX_SETS) {
                throw new IllegalArgumentException("setCount must be 1.." + SetId.MAX_SETS + ", was " + v);
            }
            setCount = v;
            return this;
        }

        /** SETs this node serves; null (the default) means all of them. */
        public Builder ownedSets(Set<SetId> v) {
            if (v != null && v.isEmpty()) {
                throw new IllegalArgumentException("ownedSets must name at least one SET");
            }
            ownedSets = v;
            return this;
        }

        public Builder lanesPerSet(int v) {
            if (v < 1 || v > 256) {
                throw new IllegalArgumentException("lanesPerSet must be 1..256, was " + v);
            }
            lanesPerSet = v;
            return this;
        }

        public Builder envelopeLifetime(Duration v) {
            if (v == null || v.compareTo(Duration.ofSeconds(1)) < 0 || v.compareTo(MAX_ENVELOPE_LIFETIME) > 0) {
                // Day partitions are recycled monthly: an envelope must be finished long before its
                // day of the month comes round again.
                throw new IllegalArgumentException("envelopeLifetime must be 1s.." + MAX_ENVELOPE_LIFETIME + ", was " + v);
            }
            envelopeLifetime = v;
            return this;
        }

        public Builder claimTimeout(Duration v) { claimTimeout = positive("claimTimeout", v); return this; }
        public Builder sweepInterval(Duration v) { sweepInterval = positive("sweepInterval", v); return this; }
        public Builder archiveInterval(Duration v) { archiveInterval = positive("archiveInterval", v); return this; }

        public Builder degradedRateFactor(double v) {
            if (!(v > 0 && v <= 1)) {
                throw new IllegalArgumentException("degradedRateFactor must be in (0, 1], was " + v);
            }
            degradedRateFactor = v;
            return this;
        }

        public Builder maxTotalFen(long v) {
            if (v < 1 || v > 1_000_000_000_000L) {
                throw new IllegalArgumentException("maxTotalFen must be 1..10^12, was " + v);
            }
            maxTotalFen = v;
            return this;
        }

        public Builder maxCount(int v) {
            if (v < 1 || v > 100_000) {
                throw new IllegalArgumentException("maxCount must be 1..100000, was " + v);
            }
            maxCount = v;
            return this;
        }

        public Builder zone(ZoneId v) { zone = java.util.Objects.requireNonNull(v, "zone"); return this; }
        public Builder clock(Clock v) { clock = java.util.Objects.requireNonNull(v, "clock"); return this; }
        public Builder limits(SetLimits v) { limits = java.util.Objects.requireNonNull(v, "limits"); return this; }
        public Builder circuit(CircuitSettings v) { circuit = java.util.Objects.requireNonNull(v, "circuit"); return this; }
        public Builder meterRegistry(MeterRegistry v) { meterRegistry = v; return this; }
        public Builder modeStore(ModeStore v) { modeStore = v; return this; }
        public Builder backgroundJobs(boolean v) { backgroundJobs = v; return this; }

        public EngineConfig build() {
            return new EngineConfig(this);
        }

        private static Duration positive(String name, Duration v) {
            if (v == null || v.isZero() || v.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + v);
            }
            return v;
        }
    }
}

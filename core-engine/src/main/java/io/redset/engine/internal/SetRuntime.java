package io.redset.engine.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.redset.engine.ClaimAnswer;
import io.redset.engine.EngineConfig;
import io.redset.engine.EnvelopeId;
import io.redset.engine.Fen;
import io.redset.engine.ModeChange;
import io.redset.engine.RejectedException;
import io.redset.engine.SetId;
import io.redset.engine.SetLimits;
import io.redset.engine.SetMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything one SET owns at run time: its store, guards, lanes, in-memory envelopes, mode, and
 * its own scheduler thread for the expiry sweeper and the day-partition archiver (SETs share
 * nothing, so a stuck SET database never delays another SET's jobs).
 *
 * <p>Why this design, and what else was weighed: {@code docs/decisions/0001-sets-share-nothing.md}.
 */
public final class SetRuntime {

    private static final Logger log = LoggerFactory.getLogger(SetRuntime.class);

    private final SetId set;
    private final EngineConfig config;
    private final EnvelopeStore store;
    private final SetGuards guards;
    private final EngineMetrics metrics;
    private final Lane[] lanes;
    private final ConcurrentHashMap<Long, EnvelopeState> envelopes = new ConcurrentHashMap<>();
    /** Arrival tickets; seeded from wall time so they keep increasing across restarts. */
    private final AtomicLong tickets = new AtomicLong(System.currentTimeMillis() * 1_000_000L);
    /** Claims queued or in a batch, over all envelopes (kept by EnvelopeState under its monitor). */
    private final java.util.concurrent.atomic.AtomicInteger pendingClaims = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * The highest envelope sequence this SET has handed out (read at start, raised by every send of
     * this node, the SET's only writer): an id above it is unknown without asking the database.
     */
    private final AtomicLong highestSequence = new AtomicLong(Long.MAX_VALUE);
    private final DayPartitions days;
    private ScheduledExecutorService jobs;
    private volatile boolean ready;
    private volatile SetLimits limits;
    private volatile ModeChange mode;

    SetRuntime(SetId set, EngineConfig config, EnvelopeStore store, SetGuards guards, EngineMetrics metrics,
               ModeChange mode) {
        this.set = set;
        this.config = config;
        this.store = store;
        this.guards = guards;
        this.metrics = metrics;
        this.limits = config.limits();
        this.mode = mode;
        this.lanes = new Lane[config.lanesPerSet()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane(this, i);
        }
        this.days = new DayPartitions(this);
        applyLimits();
        metrics.queueDepthGauge(set, this::queuedClaims);
    }

    /**
     * Migrates the SET database and loads its ACTIVE envelopes into memory, then starts the lanes and
     * the jobs. If the database cannot be reached, the SET stays unavailable and its job thread keeps
     * trying to bring it up; the other SETs are not held back.
     */
    void start() {
        jobs = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("redset-set-" + set.tag() + "-jobs").daemon().factory());
        for (Lane lane : lanes) {
            lane.start();
        }
        if (!bringUp()) {
            jobs.scheduleWithFixedDelay(() -> {
                if (!ready) {
                    bringUp();
                }
            }, 2, 2, TimeUnit.SECONDS);
        }
        if (config.backgroundJobs()) {
            long sweep = config.sweepInterval().toMillis();
            jobs.scheduleWithFixedDelay(() -> runQuietly("expiry sweep", this::sweepExpired), sweep, sweep, TimeUnit.MILLISECONDS);
            long archive = config.archiveInterval().toMillis();
            jobs.scheduleWithFixedDelay(() -> runQuietly("archiver", days::archiveFinished), Math.min(archive, 60_000),
                    archive, TimeUnit.MILLISECONDS);
        }
    }

    private boolean bringUp() {
        try {
            EngineCore.migrate(store.dataSource());
            highestSequence.set(store.lastIssuedSequence());
            List<EnvelopeState> active = store.loadActive();
            for (EnvelopeState s : active) {
                envelopes.putIfAbsent(s.id.value(), s);
            }
            ready = true;
            log.info("SET {}: ready, {} active envelopes loaded into memory", set, active.size());
            return true;
        } catch (Exception e) {
            log.warn("SET {}: database not reachable, the SET stays unavailable and retries: {}", set, e.toString());
            return false;
        }
    }

    boolean ready() {
        return ready;
    }

    private void runQuietly(String what, Callable<?> job) {
        if (!ready) {
            return;
        }
        try {
            job.call();
        } catch (Exception e) {
            log.warn("SET {}: {} failed: {}", set, what, e.toString());
        }
    }

    void stop() {
        if (jobs != null) {
            jobs.shutdownNow();
        }
        for (Lane lane : lanes) {
            lane.stop();
        }
        for (EnvelopeState s : envelopes.values()) {
            for (PendingClaim p : s.abandon(pendingClaims)) {
                p.answer.completeExceptionally(shuttingDown());
            }
        }
    }

    // ------------------------------------------------------------------ accessors used by the lanes

    public SetId set() { return set; }
    EngineConfig config() { return config; }
    EnvelopeStore store() { return store; }
    SetGuards guards() { return guards; }
    EngineMetrics metrics() { return metrics; }
    DayPartitions days() { return days; }
    Instant now() { return config.clock().instant(); }
    LocalDate today() { return LocalDate.ofInstant(now(), config.zone()); }
    AtomicLong tickets() { return tickets; }

    /** The limits in force: the configured ones, tightened while the SET is DEGRADED. */
    SetLimits limits() {
        SetLimits l = limits;
        return mode.mode() == io.redset.engine.SetMode.DEGRADED ? l.scaledRates(config.degradedRateFactor()) : l;
    }

    SetLimits configuredLimits() { return limits; }

    void updateLimits(SetLimits newLimits) {
        this.limits = newLimits;
        applyLimits();
    }

    ModeChange mode() { return mode; }

    void mode(ModeChange change) {
        this.mode = change;
        applyLimits();
    }

    private void applyLimits() {
        guards.apply(limits());
    }

    Lane laneOf(EnvelopeId id) {
        long h = id.value() * 0x9E3779B97F4A7C15L; // spread sequential ids over the lanes
        return lanes[(int) Math.floorMod(h >>> 32, (long) lanes.length)];
    }

    /** Claims waiting or in a batch in this SET: a counter, so asking costs nothing at any size. */
    int queuedClaims() {
        return Math.max(0, pendingClaims.get());
    }

    java.util.concurrent.atomic.AtomicInteger pendingCounter() {
        return pendingClaims;
    }

    /** Records a sequence handed out by a send of this node. */
    void sequenceIssued(long sequence) {
        highestSequence.accumulateAndGet(sequence, Math::max);
    }

    /** True when the id's sequence was never handed out: such an id is unknown, no query needed. */
    boolean beyondIssued(EnvelopeId id) {
        return id.sequence() > highestSequence.get();
    }

    int cachedEnvelopes() {
        return envelopes.size();
    }

    RejectedException shuttingDown() {
        return new RejectedException(RejectedException.Reason.SET_UNAVAILABLE, set, "SET " + set + " is shutting down",
                Duration.ofSeconds(1));
    }

    // ------------------------------------------------------------------ memory

    /** The envelope's in-memory state, loaded from the database on first use; null if unknown. */
    EnvelopeState state(EnvelopeId id) {
        EnvelopeState s = envelopes.get(id.value());
        if (s != null) {
            return s;
        }
        if (beyondIssued(id)) {
            return null;
        }
        EnvelopeState loaded = guardedRead(() -> store.load(id));
        if (loaded == null) {
            return null;
        }
        EnvelopeState raced = envelopes.putIfAbsent(id.value(), loaded);
        return raced != null ? raced : loaded;
    }

    /** True if the envelope is in memory and was sent by RedSet's own canary (no database read). */
    boolean isProbeEnvelope(EnvelopeId id) {
        EnvelopeState s = envelopes.get(id.value());
        return s != null && s.probe;
    }

    void remember(EnvelopeState s) {
        envelopes.putIfAbsent(s.id.value(), s);
    }

    /** Drops finished envelopes older than their lifetime from memory; they reload on demand. */
    int evictFinished() {
        Instant horizon = now().minus(config.envelopeLifetime());
        int[] n = {0};
        envelopes.values().removeIf(s -> {
            boolean drop = s.finished() && s.expiresAt.isBefore(horizon) && s.queued() == 0;
            if (drop) {
                n[0]++;
            }
            return drop;
        });
        return n[0];
    }

    // ------------------------------------------------------------------ database work

    interface SqlWork<T> {
        T apply(Connection c) throws SQLException, EnvelopeStore.StaleViewException;
    }

    /**
     * Runs work in one transaction on the lane or job thread, reporting to the SET's circuit breaker.
     * While the circuit is open it fails at once without touching the pool.
     */
    <T> T inTransaction(SqlWork<T> work) throws SQLException, EnvelopeStore.StaleViewException {
        CircuitBreaker cb = guards.circuitBreaker();
        if (!cb.tryAcquirePermission()) {
            throw new SQLTransientConnectionException("circuit breaker of SET " + set + " is open", "08000");
        }
        long start = System.nanoTime();
        try (Connection c = store.transaction()) {
            try {
                T result = work.apply(c);
                c.commit();
                cb.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return result;
            } catch (SQLException | EnvelopeStore.StaleViewException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; the transaction died with it
                }
                throw e;
            }
        } catch (SQLException e) {
            if (SetGuards.isDatabaseOutage(e)) {
                cb.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            } else {
                cb.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            throw e;
        } catch (EnvelopeStore.StaleViewException | RuntimeException e) {
            cb.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            throw e;
        }
    }

    /** Request-thread lookups: read bulkhead + circuit breaker. */
    <T> T guardedRead(Callable<T> call) {
        return guards.guardedDatabaseCall(SetGuards.Work.READ, call);
    }

    /** Request-thread work of sends and lanes: write bulkhead + circuit breaker. */
    <T> T guardedWrite(Callable<T> call) {
        return guards.guardedDatabaseCall(SetGuards.Work.WRITE, call);
    }

    // ------------------------------------------------------------------ money meters

    void moneyClaimed(EnvelopeState s, Collection<ClaimAnswer> claims) {
        if (s.probe) {
            return;
        }
        long sum = 0;
        for (ClaimAnswer a : claims) {
            sum = Fen.plus(sum, a.amountFen());
        }
        metrics.money(set, "claimed", sum);
    }

    void moneyRefunded(EnvelopeState s, long fen) {
        if (!s.probe) {
            metrics.money(set, "refunded", fen);
        }
    }

    // ------------------------------------------------------------------ expiry

    /**
     * Finds ACTIVE envelopes past their expiry and refunds each through its owning lane.
     *
     * @return number of envelopes refunded by this sweep
     */
    int sweepExpired() throws Exception {
        int refunded = 0;
        while (true) {
            List<EnvelopeId> due = guardedRead(() -> store.dueForExpiry(now(), 500));
            if (due.isEmpty()) {
                break;
            }
            List<java.util.concurrent.CompletableFuture<Long>> results = new java.util.ArrayList<>();
            for (EnvelopeId id : due) {
                EnvelopeState s = state(id);
                if (s != null) {
                    results.add(laneOf(id).expire(s));
                }
            }
            int progress = 0;
            for (var f : results) {
                long r = f.get(30, TimeUnit.SECONDS);
                if (r >= 0) {
                    refunded++;
                    progress++;
                }
            }
            if (progress == 0 || due.size() < 500) {
                break;
            }
        }
        evictFinished();
        return refunded;
    }
}

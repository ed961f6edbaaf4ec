package io.redset.engine.internal;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.redset.engine.ClaimAnswer;
import io.redset.engine.EngineConfig;
import io.redset.engine.EnvelopeDetails;
import io.redset.engine.EnvelopeId;
import io.redset.engine.EnvelopeNotFoundException;
import io.redset.engine.GrabAnswer;
import io.redset.engine.ModeChange;
import io.redset.engine.RedSetException;
import io.redset.engine.RejectedException.Reason;
import io.redset.engine.RejectedException;
import io.redset.engine.SendCommand;
import io.redset.engine.SendReceipt;
import io.redset.engine.SetId;
import io.redset.engine.SetLimits;
import io.redset.engine.SetMode;
import io.redset.engine.SetView;
import io.redset.engine.Traffic;
import io.redset.engine.internal.EngineMetrics.Outcome;
import io.redset.engine.internal.SetGuards.Operation;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * The engine behind {@link io.redset.engine.ClaimEngine}: each call checked ({@link EngineInput}),
 * routed to the SET that serves it ({@link SetDirectory}), held to the SET's mode and guards,
 * metered ({@link MeteredCall}) and answered. Sends are {@link IdempotentSend}'s; grab and claim
 * answer from the envelope's in-memory gate ({@link EnvelopeState}) or queue the claim for the
 * envelope's lane ({@link Lane}) and wait for its batch to commit.
 *
 * <p>Concurrency: every method may be called by many request threads at once; this class keeps
 * no state of its own beyond the immutable parts it wires (the directory's contract is in
 * {@link SetDirectory}).
 */
public final class EngineCore {

    private static final Logger log = LoggerFactory.getLogger(EngineCore.class);

    private final EngineConfig config;
    private final EngineMetrics metrics;
    private final EngineInput input;
    private final SetDirectory sets;
    private final IdempotentSend sends;

    private EngineCore(EngineConfig config) {
        this.config = config;
        this.metrics = new EngineMetrics(config.meterRegistry());
        this.input = new EngineInput(config);
        this.sets = new SetDirectory(config);
        this.sends = new IdempotentSend(config, input, sets, metrics);
    }

    public static EngineCore start(EngineConfig config, Map<SetId, DataSource> dataSources, RateLimiterRegistry rateLimiters,
                                   BulkheadRegistry bulkheads, CircuitBreakerRegistry breakers) {
        EngineCore core = new EngineCore(config);
        Map<SetId, ModeChange> stored = config.modeStore().load();
        Instant now = config.clock().instant();
        for (SetId set : config.allSets()) {
            ModeChange mode = stored.getOrDefault(set, new ModeChange(set, SetMode.NORMAL, "initial", "system", now));
            if (!config.ownedSets().contains(set)) {
                core.sets.elsewhere(mode);
                continue;
            }
            EnvelopeStore store = new EnvelopeStore(set, dataSources.get(set));
            SetGuards guards = new SetGuards(set, config.limits(), config.circuit(), rateLimiters, bulkheads, breakers);
            core.sets.serve(new SetRuntime(set, config, store, guards, core.metrics, mode));
        }
        core.sets.owned().forEach(SetRuntime::start);
        log.info("claim engine started: {} SETs, owning {}, {} lanes each", config.setCount(), config.ownedSets(),
                config.lanesPerSet());
        return core;
    }

    public EngineConfig config() {
        return config;
    }

    /** Applies the SET schema migrations (Flyway, classpath:db/set) to one SET database. */
    public static void migrate(DataSource setDatabase) {
        Flyway.configure()
                .dataSource(setDatabase)
                .locations("classpath:db/set")
                .load()
                .migrate();
    }

    public void close() {
        sets.close();
    }

    public EnvelopeId parseEnvelopeId(String text) {
        return input.envelopeId(text);
    }

    private static void requireMode(SetRuntime rt, boolean allowed, String what) {
        if (!allowed) {
            SetMode mode = rt.mode().mode();
            String detail = switch (mode) {
                case READ_ONLY -> "SET " + rt.set() + " is read-only for maintenance: " + what
                        + " is paused; envelopes and shares already claimed are safe";
                case OFFLINE -> "SET " + rt.set() + " is offline; envelopes and shares already claimed are safe";
                default -> "SET " + rt.set() + " does not allow " + what + " in mode " + mode;
            };
            throw new RejectedException(Reason.MODE, rt.set(), detail, Duration.ofSeconds(30));
        }
    }

    // ------------------------------------------------------------------ send

    /** @param allowedSets the SETs the caller may use, or null for any */
    public SendReceipt send(SendCommand command, Set<SetId> allowedSets) {
        return sends.send(command, allowedSets);
    }

    /** The SET a sender's envelopes go to while it takes sends (a hash of the sender id). */
    public SetId homeSetOf(String senderId) {
        return sets.homeSetOf(senderId);
    }

    // ------------------------------------------------------------------ grab and claim

    public GrabAnswer grab(EnvelopeId id, String userId, Traffic traffic) {
        MeteredCall call = new MeteredCall(metrics, "grab");
        try {
            EngineInput.requireName("userId", userId, true);
            SetRuntime rt = sets.serving(id);
            call.servedBy(rt);
            requireMode(rt, rt.mode().mode().allowsClaim(), "opening envelopes");
            rt.guards().acquire(Operation.GRAB);
            EnvelopeState s = stateOf(rt, id, traffic);
            call.probe(s.probe);
            GrabAnswer answer = s.grab(userId, rt.now());
            return call.succeeded(answer, answer.canOpen() ? Outcome.SUCCESS : MeteredCall.outcomeOf(answer.reason()));
        } catch (RuntimeException e) {
            throw call.failed(e);
        }
    }

    /** The envelope's state; unknown (never issued, or of the other kind of traffic) is "not found". */
    private static EnvelopeState stateOf(SetRuntime rt, EnvelopeId id, Traffic traffic) {
        EnvelopeState s = rt.state(id);
        if (s == null || !traffic.allows(s.probe)) {
            throw new EnvelopeNotFoundException(id);
        }
        return s;
    }

    public ClaimAnswer claim(EnvelopeId id, String userId, Traffic traffic) {
        MeteredCall call = new MeteredCall(metrics, "claim");
        try {
            EngineInput.requireName("userId", userId, true);
            SetRuntime rt = sets.serving(id);
            call.servedBy(rt);
            requireMode(rt, rt.mode().mode().allowsClaim(), "claiming");
            rt.guards().acquire(Operation.CLAIM);
            EnvelopeState s = stateOf(rt, id, traffic);
            call.probe(s.probe);
            ClaimAnswer fromMemory = s.answerFromMemory(userId, rt.now());
            if (fromMemory != null) {
                // sold out, expired or already claimed: the gate answers without the database
                return call.succeeded(fromMemory, MeteredCall.outcomeOf(fromMemory.outcome()));
            }
            rt.guards().requireCircuitNotOpen();
            SetLimits limits = rt.limits();
            EnvelopeState.Admission a = s.admit(userId, rt.now(), limits.envelopeCap(), rt.tickets(), call.startNanos(),
                    rt.pendingCounter());
            ClaimAnswer answer;
            if (a.answer() != null) {
                answer = a.answer();
            } else if (a.busy()) {
                throw new RejectedException(Reason.BUSY, rt.set(), "envelope " + id + " is busy; retry shortly",
                        Duration.ofSeconds(1));
            } else {
                if (a.mustSchedule()) {
                    rt.laneOf(id).schedule(s);
                }
                PendingClaim p = a.queued() != null ? a.queued() : a.joined();
                answer = await(rt, p);
                if (a.joined() != null) {
                    answer = answer.asRepeat();
                }
            }
            return call.succeeded(answer, MeteredCall.outcomeOf(answer.outcome()));
        } catch (RuntimeException e) {
            throw call.failed(e);
        }
    }

    private ClaimAnswer await(SetRuntime rt, PendingClaim p) {
        try {
            return p.answer.get(config.claimTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RejectedException(Reason.TIMEOUT, rt.set(), "the claim was not confirmed in time; "
                    + "retry to learn its outcome (claims are idempotent)", Duration.ofSeconds(1));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedException(Reason.TIMEOUT, rt.set(), "interrupted while waiting for the claim", null);
        }
    }

    // ------------------------------------------------------------------ details

    public EnvelopeDetails details(EnvelopeId id, Traffic traffic) {
        MeteredCall call = new MeteredCall(metrics, "details");
        try {
            SetRuntime rt = sets.serving(id);
            call.servedBy(rt);
            requireMode(rt, rt.mode().mode().allowsDetails(), "reading envelope details");
            rt.guards().acquire(Operation.DETAILS);
            call.probe(rt.isProbeEnvelope(id));
            if (rt.beyondIssued(id)) {
                throw new EnvelopeNotFoundException(id); // never issued: no query
            }
            EnvelopeDetails d = rt.guardedRead(() -> rt.store().details(id))
                    .filter(found -> traffic.allows(found.probe()))
                    .orElseThrow(() -> new EnvelopeNotFoundException(id));
            return call.probe(d.probe()).succeeded(d, Outcome.SUCCESS);
        } catch (RuntimeException e) {
            throw call.failed(e);
        }
    }

    // ------------------------------------------------------------------ operations

    public List<SetView> sets() {
        return sets.views();
    }

    public SetView set(SetId set) {
        return sets.view(set);
    }

    public SetMode mode(SetId set) {
        return sets.mode(set);
    }

    public ModeChange setMode(SetId set, SetMode mode, String reason, String actor) {
        return sets.setMode(set, mode, reason, actor);
    }

    public SetLimits limits(SetId set) {
        return sets.owned(set).configuredLimits();
    }

    public void updateLimits(SetId set, SetLimits limits) {
        sets.owned(set).updateLimits(limits);
        log.info("SET {} limits -> {}", set, limits);
    }

    public List<io.redset.engine.ReconcileFinding> reconcile(SetId set, Instant since) {
        SetRuntime rt = sets.owned(set);
        return rt.guardedRead(() -> {
            try (Connection c = rt.store().dataSource().getConnection()) {
                c.setReadOnly(true);
                return Reconciliation.check(c, since, 20).stream()
                        .map(v -> new io.redset.engine.ReconcileFinding(set, new EnvelopeId(v.envelopeId()), v.rule()))
                        .toList();
            }
        });
    }

    public Duration pingDatabase(SetId set) {
        SetRuntime rt = sets.owned(set);
        long t0 = System.nanoTime();
        try (Connection c = rt.store().dataSource().getConnection();
             java.sql.Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            s.execute("SELECT 1");
        } catch (java.sql.SQLException e) {
            throw rt.guards().unavailable(e);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    public int sweepExpired(SetId set) {
        try {
            return sets.owned(set).sweepExpired();
        } catch (RedSetException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("expiry sweep of SET " + set + " failed", e);
        }
    }

    public int archiveFinishedDays(SetId set) {
        try {
            return sets.owned(set).days().archiveFinished();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("archiving SET " + set + " failed", e);
        }
    }
}

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
import io.redset.engine.IdempotencyConflictException;
import io.redset.engine.InvalidInputException;
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
import io.redset.engine.SplitMode;
import io.redset.engine.Traffic;
import io.redset.engine.internal.EngineMetrics.Outcome;
import io.redset.engine.internal.SetGuards.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * The engine behind {@link io.redset.engine.ClaimEngine}: validation, SET routing, modes, guards and
 * metrics around the per-SET runtimes.
 *
 * <p>Concurrency: every method may be called by many request threads at once. {@code runtimes} is
 * filled by {@link #start} before the engine is handed out and only read afterwards; each
 * {@link SetRuntime} guards its own state. {@code foreignModes} (SETs this node does not serve) is
 * written by admin requests while others read it, so it is a concurrent map; a mode change there is
 * one {@code put} of an immutable {@link ModeChange}.
 */
public final class EngineCore {

    private static final Logger log = LoggerFactory.getLogger(EngineCore.class);

    private final EngineConfig config;
    private final EngineMetrics metrics;
    private final Map<SetId, SetRuntime> runtimes = new TreeMap<>();
    /** Modes of SETs this node does not own, as last stored (shown, never enforced here). */
    private final Map<SetId, ModeChange> foreignModes = new ConcurrentSkipListMap<>();
    private volatile boolean closed;

    private EngineCore(EngineConfig config) {
        this.config = config;
        this.metrics = new EngineMetrics(config.meterRegistry());
    }

    public static EngineCore start(EngineConfig config, Map<SetId, DataSource> dataSources, RateLimiterRegistry rateLimiters,
                                   BulkheadRegistry bulkheads, CircuitBreakerRegistry breakers) {
        EngineCore core = new EngineCore(config);
        Map<SetId, ModeChange> stored = config.modeStore().load();
        Instant now = config.clock().instant();
        for (SetId set : config.allSets()) {
            ModeChange mode = stored.getOrDefault(set, new ModeChange(set, SetMode.NORMAL, "initial", "system", now));
            if (!config.ownedSets().contains(set)) {
                core.foreignModes.put(set, mode);
                continue;
            }
            EnvelopeStore store = new EnvelopeStore(set, dataSources.get(set));
            SetGuards guards = new SetGuards(set, config.limits(), config.circuit(), rateLimiters, bulkheads, breakers);
            core.runtimes.put(set, new SetRuntime(set, config, store, guards, core.metrics, mode));
        }
        core.runtimes.values().forEach(SetRuntime::start);
        log.info("claim engine started: {} SETs, owning {}, {} lanes each", config.setCount(), config.ownedSets(),
                config.lanesPerSet());
        return core;
    }

    public EngineConfig config() {
        return config;
    }

    /** Applies the SET schema migrations (Flyway, classpath:db/set) to one SET database. */
    public static void migrate(DataSource setDatabase) {
        org.flywaydb.core.Flyway.configure()
                .dataSource(setDatabase)
                .locations("classpath:db/set")
                .load()
                .migrate();
    }

    public void close() {
        closed = true;
        runtimes.values().forEach(SetRuntime::stop);
    }

    private void requireOpen(SetId set) {
        if (closed) {
            throw new RejectedException(Reason.SET_UNAVAILABLE, set, "the engine is stopped", Duration.ofSeconds(1));
        }
    }

    // ------------------------------------------------------------------ validation

    public EnvelopeId parseEnvelopeId(String text) {
        EnvelopeId id = EnvelopeId.parse(text, "envelopeId");
        if (id.set().index() >= config.setCount()) {
            throw new InvalidInputException("envelopeId", "names SET " + id.set() + ", which does not exist (SETs 00.."
                    + SetId.of(config.setCount() - 1) + ")");
        }
        if (id.day().isAfter(today())) {
            throw new InvalidInputException("envelopeId", "names a day in the future: " + id.day());
        }
        return id;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(config.clock().instant(), config.zone());
    }

    static void requireName(String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw new InvalidInputException(field, "is required");
            }
            return;
        }
        if (value.isBlank()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        if (value.length() > EngineConfig.MAX_ID_LENGTH) {
            throw new InvalidInputException(field, "must be at most " + EngineConfig.MAX_ID_LENGTH + " characters");
        }
        requireNoControl(field, value);
    }

    private static void requireNoControl(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE && !validSurrogateAt(value, i)) {
                throw new InvalidInputException(field, "must not contain control or format characters (at index " + i + ")");
            }
        }
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private void validate(SendCommand c) {
        requireName("senderId", c.senderId(), true);
        if (c.mode() == null) {
            throw new InvalidInputException("mode", "is required (LUCKY or EQUAL)");
        }
        if (c.totalFen() < 1 || c.totalFen() > config.maxTotalFen()) {
            throw new InvalidInputException("totalFen", "must be 1.." + config.maxTotalFen() + " fen, was " + c.totalFen());
        }
        if (c.count() < 1 || c.count() > config.maxCount()) {
            throw new InvalidInputException("count", "must be 1.." + config.maxCount() + ", was " + c.count());
        }
        if (c.totalFen() < c.count()) {
            throw new InvalidInputException("totalFen", "must be at least count (every share is at least 1 fen)");
        }
        if (c.mode() == SplitMode.EQUAL && c.totalFen() % c.count() != 0) {
            throw new InvalidInputException("totalFen", "must divide evenly by count for EQUAL envelopes");
        }
        if (c.greeting() != null) {
            if (c.greeting().length() > EngineConfig.MAX_GREETING_LENGTH) {
                throw new InvalidInputException("greeting", "must be at most " + EngineConfig.MAX_GREETING_LENGTH + " characters");
            }
            requireNoControl("greeting", c.greeting());
        }
        requireName("requestId", c.requestId(), false);
    }

    private SetRuntime runtimeFor(EnvelopeId id) {
        if (id.set().index() >= config.setCount()) {
            throw new InvalidInputException("envelopeId", "names SET " + id.set() + ", which does not exist");
        }
        requireOpen(id.set());
        SetRuntime rt = runtimes.get(id.set());
        if (rt == null) {
            throw new RejectedException(Reason.NOT_OWNED, id.set(), "this node does not serve SET " + id.set()
                    + " (it serves " + config.ownedSets() + ")", null);
        }
        if (!rt.ready()) {
            throw new RejectedException(Reason.SET_UNAVAILABLE, rt.set(), "SET " + rt.set()
                    + " database has not been reachable since start", Duration.ofSeconds(5));
        }
        return rt;
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

    public SendReceipt send(SendCommand command, java.util.Set<SetId> allowedSets) {
        long t0 = System.nanoTime();
        SetRuntime chosen = null;
        try {
            validate(command);
            requireOpen(null);
            List<SetRuntime> order = preferenceOrder(command.senderId());
            for (SetRuntime rt : order) {
                if ((allowedSets == null || allowedSets.contains(rt.set()))
                        && rt.ready() && rt.mode().mode().allowsSend() && !circuitOpen(rt)) {
                    chosen = rt;
                    break;
                }
            }
            if (chosen == null) {
                throw new RejectedException(Reason.SET_UNAVAILABLE, null, allowedSets == null
                        ? "no SET of this node accepts sends right now"
                        : "no SET of this node that the caller may use (" + allowedSets + ") accepts sends right now",
                        Duration.ofSeconds(5));
            }
            if (command.requestId() != null) {
                Optional<SendReceipt> replay = findReplay(command, order, chosen);
                if (replay.isPresent()) {
                    metrics.request(replay.get().set(), "send", Outcome.SUCCESS, System.nanoTime() - t0, command.probe());
                    return replay.get();
                }
            }
            chosen.guards().acquire(Operation.SEND);
            SendReceipt receipt = insert(chosen, command);
            metrics.request(chosen.set(), "send", Outcome.SUCCESS, System.nanoTime() - t0, command.probe());
            if (!command.probe() && !receipt.replayed()) {
                metrics.money(chosen.set(), "sent", receipt.totalFen());
            }
            return receipt;
        } catch (RuntimeException e) {
            metrics.request(chosen == null ? null : chosen.set(), "send", outcomeOf(e), System.nanoTime() - t0, command.probe());
            throw translate(e, chosen);
        }
    }

    private static boolean circuitOpen(SetRuntime rt) {
        var state = rt.guards().circuitBreaker().getState();
        return state == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN
                || state == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.FORCED_OPEN;
    }

    /** The SET a sender's envelopes go to while it takes sends (a hash of the sender id). */
    public SetId homeSetOf(String senderId) {
        return SetId.of(Math.floorMod(senderId.hashCode() * 0x9E3779B9, config.setCount()));
    }

    /** Owned SETs, starting at the sender's home SET. */
    private List<SetRuntime> preferenceOrder(String senderId) {
        int n = config.setCount();
        int home = homeSetOf(senderId).index();
        List<SetRuntime> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SetRuntime rt = runtimes.get(SetId.of((home + i) % n));
            if (rt != null) {
                out.add(rt);
            }
        }
        return out;
    }

    /**
     * A repeated requestId lives in the SET that took the first send, which may be any owned SET
     * (the home SET may have been paused or down then). Every readable SET is asked. If a SET that
     * could hold it cannot be read (the home SET, or one before the chosen SET in the sender's
     * order), the send is refused rather than risk booking the same send twice.
     */
    private Optional<SendReceipt> findReplay(SendCommand command, List<SetRuntime> order, SetRuntime chosen) {
        boolean beforeChosen = true;
        for (SetRuntime rt : order) {
            boolean readable = rt.ready() && rt.mode().mode() != SetMode.OFFLINE && !circuitOpen(rt);
            if (readable) {
                Optional<EnvelopeId> first = rt.guardedWrite(() -> rt.store().findRequest(command.senderId(), command.requestId()));
                if (first.isPresent()) {
                    return Optional.of(replay(rt, command, first.get()));
                }
            } else if (beforeChosen) {
                throw new RejectedException(Reason.SET_UNAVAILABLE, rt.set(), "cannot tell whether requestId "
                        + command.requestId() + " was already sent while SET " + rt.set() + " is unavailable; retry later",
                        Duration.ofSeconds(5));
            }
            if (rt == chosen) {
                beforeChosen = false;
            }
        }
        return Optional.empty();
    }

    private SendReceipt replay(SetRuntime rt, SendCommand command, EnvelopeId first) {
        EnvelopeDetails d = rt.guardedWrite(() -> rt.store().details(first))
                .orElseThrow(() -> new IdempotencyConflictException(first));
        if (d.totalFen() != command.totalFen() || d.count() != command.count() || d.mode() != command.mode()) {
            throw new IdempotencyConflictException(first);
        }
        return new SendReceipt(first, rt.set(), d.totalFen(), d.count(), d.mode(), d.expiresAt(), true);
    }

    private SendReceipt insert(SetRuntime rt, SendCommand command) {
        Instant now = rt.now();
        LocalDate today = LocalDate.ofInstant(now, config.zone());
        Instant expiresAt = now.plus(config.envelopeLifetime());
        try {
            // not inside guardedWrite: ensureReady takes its own bulkhead permits for each query
            rt.days().ensureReady(today);
        } catch (java.sql.SQLException e) {
            throw SetGuards.isDatabaseOutage(e) ? rt.guards().unavailable(e) : new IllegalStateException(e);
        }
        EnvelopeId id = rt.guardedWrite(() -> {
            try (Connection c = rt.store().transaction()) {
                try {
                    EnvelopeId newId = EnvelopeId.of(today, rt.set(), rt.store().nextSequence(c));
                    rt.sequenceIssued(newId.sequence());
                    if (command.requestId() != null
                            && !rt.store().claimRequestId(c, command.senderId(), command.requestId(), newId, now)) {
                        c.rollback();
                        return null; // a concurrent send with the same requestId won
                    }
                    rt.store().insertEnvelope(c, newId, command.senderId(), command.mode(), command.totalFen(),
                            command.count(), command.greeting(), command.probe(), now, expiresAt);
                    c.commit();
                    return newId;
                } catch (Exception e) {
                    c.rollback();
                    throw e;
                }
            }
        });
        if (id == null) {
            EnvelopeId first = rt.guardedWrite(() -> rt.store().findRequest(command.senderId(), command.requestId()))
                    .orElseThrow(() -> new IllegalStateException("requestId vanished"));
            return replay(rt, command, first);
        }
        rt.remember(new EnvelopeState(id, command.senderId(), command.mode(), command.totalFen(), command.count(), now,
                expiresAt, command.probe(), command.totalFen(), command.count(), 0, io.redset.engine.EnvelopeStatus.ACTIVE));
        return new SendReceipt(id, rt.set(), command.totalFen(), command.count(), command.mode(), expiresAt, false);
    }

    // ------------------------------------------------------------------ grab and claim

    public GrabAnswer grab(EnvelopeId id, String userId, Traffic traffic) {
        long t0 = System.nanoTime();
        SetRuntime rt = null;
        boolean probe = false;
        try {
            requireName("userId", userId, true);
            rt = runtimeFor(id);
            requireMode(rt, rt.mode().mode().allowsClaim(), "opening envelopes");
            rt.guards().acquire(Operation.GRAB);
            EnvelopeState s = stateOf(rt, id, traffic);
            probe = s.probe;
            GrabAnswer answer = s.grab(userId, rt.now());
            metrics.request(rt.set(), "grab", answer.canOpen() ? Outcome.SUCCESS : outcomeOf(answer.reason()),
                    System.nanoTime() - t0, probe);
            return answer;
        } catch (RuntimeException e) {
            metrics.request(rt == null ? null : rt.set(), "grab", outcomeOf(e), System.nanoTime() - t0, probe);
            throw translate(e, rt);
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
        long t0 = System.nanoTime();
        SetRuntime rt = null;
        boolean probe = false;
        try {
            requireName("userId", userId, true);
            rt = runtimeFor(id);
            requireMode(rt, rt.mode().mode().allowsClaim(), "claiming");
            rt.guards().acquire(Operation.CLAIM);
            EnvelopeState s = stateOf(rt, id, traffic);
            probe = s.probe;
            ClaimAnswer fromMemory = s.answerFromMemory(userId, rt.now());
            if (fromMemory != null) {
                // sold out, expired or already claimed: the gate answers without the database
                metrics.request(rt.set(), "claim", outcomeOf(fromMemory.outcome()), System.nanoTime() - t0, probe);
                return fromMemory;
            }
            rt.guards().requireCircuitNotOpen();
            SetLimits limits = rt.limits();
            EnvelopeState.Admission a = s.admit(userId, rt.now(), limits.envelopeCap(), rt.tickets(), t0,
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
            metrics.request(rt.set(), "claim", outcomeOf(answer.outcome()), System.nanoTime() - t0, probe);
            return answer;
        } catch (RuntimeException e) {
            metrics.request(rt == null ? null : rt.set(), "claim", outcomeOf(e), System.nanoTime() - t0, probe);
            throw translate(e, rt);
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
        long t0 = System.nanoTime();
        SetRuntime rt = null;
        boolean probe = false;
        try {
            rt = runtimeFor(id);
            requireMode(rt, rt.mode().mode().allowsDetails(), "reading envelope details");
            rt.guards().acquire(Operation.DETAILS);
            probe = rt.isProbeEnvelope(id);
            if (rt.beyondIssued(id)) {
                throw new EnvelopeNotFoundException(id); // never issued: no query
            }
            SetRuntime owner = rt;
            EnvelopeDetails d = rt.guardedRead(() -> owner.store().details(id))
                    .filter(found -> traffic.allows(found.probe()))
                    .orElseThrow(() -> new EnvelopeNotFoundException(id));
            probe = d.probe();
            metrics.request(rt.set(), "details", Outcome.SUCCESS, System.nanoTime() - t0, probe);
            return d;
        } catch (RuntimeException e) {
            metrics.request(rt == null ? null : rt.set(), "details", outcomeOf(e), System.nanoTime() - t0, probe);
            throw translate(e, rt);
        }
    }

    // ------------------------------------------------------------------ operations

    public List<SetView> sets() {
        List<SetView> out = new ArrayList<>();
        for (SetId s : config.allSets()) {
            out.add(set(s));
        }
        return out;
    }

    public SetView set(SetId set) {
        SetRuntime rt = runtimes.get(set);
        if (rt == null) {
            ModeChange m = foreignModes.get(set);
            if (m == null) {
                throw new InvalidInputException("set", "SET " + set + " does not exist");
            }
            return new SetView(set, false, m.mode(), m, "UNKNOWN", 0, 0, config.limits(), config.limits());
        }
        String circuit = rt.ready() ? rt.guards().circuitBreaker().getState().name() : "NOT_STARTED";
        return new SetView(set, true, rt.mode().mode(), rt.mode(), circuit,
                rt.queuedClaims(), rt.cachedEnvelopes(), rt.configuredLimits(), rt.limits());
    }

    public SetMode mode(SetId set) {
        SetRuntime rt = runtimes.get(set);
        if (rt != null) {
            return rt.mode().mode();
        }
        ModeChange m = foreignModes.get(set);
        if (m == null) {
            throw new InvalidInputException("set", "SET " + set + " does not exist");
        }
        return m.mode();
    }

    public ModeChange setMode(SetId set, SetMode mode, String reason, String actor) {
        if (mode == null) {
            throw new InvalidInputException("mode", "is required");
        }
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new InvalidInputException("reason", "must be 1..200 characters");
        }
        requireNoControl("reason", reason);
        requireName("actor", actor, true);
        set(set); // existence
        ModeChange change = new ModeChange(set, mode, reason, actor, config.clock().instant());
        config.modeStore().save(change);
        SetRuntime rt = runtimes.get(set);
        if (rt != null) {
            rt.mode(change);
        } else {
            foreignModes.put(set, change);
        }
        log.warn("SET {} mode -> {} by {}: {}", set, mode, actor, reason);
        return change;
    }

    public SetLimits limits(SetId set) {
        return owned(set).configuredLimits();
    }

    public void updateLimits(SetId set, SetLimits limits) {
        owned(set).updateLimits(limits);
        log.info("SET {} limits -> {}", set, limits);
    }

    public List<io.redset.engine.ReconcileFinding> reconcile(SetId set, Instant since) {
        SetRuntime rt = owned(set);
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
        SetRuntime rt = owned(set);
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
            return owned(set).sweepExpired();
        } catch (RedSetException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("expiry sweep of SET " + set + " failed", e);
        }
    }

    public int archiveFinishedDays(SetId set) {
        try {
            return owned(set).days().archiveFinished();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("archiving SET " + set + " failed", e);
        }
    }

    private SetRuntime owned(SetId set) {
        SetRuntime rt = runtimes.get(set);
        if (rt == null) {
            if (set.index() >= config.setCount()) {
                throw new InvalidInputException("set", "SET " + set + " does not exist");
            }
            throw new RejectedException(Reason.NOT_OWNED, set, "this node does not serve SET " + set, null);
        }
        return rt;
    }

    // ------------------------------------------------------------------ outcomes

    private static Outcome outcomeOf(io.redset.engine.ClaimOutcome o) {
        return switch (o) {
            case CLAIMED -> Outcome.SUCCESS;
            case ALREADY_CLAIMED -> Outcome.ALREADY_CLAIMED;
            case SOLD_OUT -> Outcome.SOLD_OUT;
            case EXPIRED -> Outcome.EXPIRED;
        };
    }

    private static Outcome outcomeOf(RuntimeException e) {
        if (e instanceof InvalidInputException || e instanceof IdempotencyConflictException) {
            return Outcome.BAD_REQUEST;
        }
        if (e instanceof EnvelopeNotFoundException) {
            return Outcome.NOT_FOUND;
        }
        if (e instanceof RejectedException r) {
            return switch (r.reason()) {
                case RATE_LIMITED -> Outcome.REJECTED_RATE_LIMIT;
                case BULKHEAD_FULL -> Outcome.REJECTED_BULKHEAD;
                case BUSY -> Outcome.REJECTED_BUSY;
                case MODE, NOT_OWNED -> Outcome.REJECTED_MODE;
                case SET_UNAVAILABLE -> Outcome.UNAVAILABLE;
                case TIMEOUT -> Outcome.TIMEOUT;
            };
        }
        return Outcome.ERROR;
    }

    /** Engine answers pass through; anything else becomes SET_UNAVAILABLE or stays an error. */
    private static RuntimeException translate(RuntimeException e, SetRuntime rt) {
        if (e instanceof RedSetException) {
            return e;
        }
        if (rt != null && SetGuards.isDatabaseOutage(e)) {
            return rt.guards().unavailable(e);
        }
        log.error("unexpected engine failure", e);
        return e;
    }
}

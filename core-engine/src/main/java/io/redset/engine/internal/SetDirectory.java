package io.redset.engine.internal;

import io.redset.engine.EngineConfig;
import io.redset.engine.EnvelopeId;
import io.redset.engine.InvalidInputException;
import io.redset.engine.ModeChange;
import io.redset.engine.RejectedException;
import io.redset.engine.RejectedException.Reason;
import io.redset.engine.SetId;
import io.redset.engine.SetMode;
import io.redset.engine.SetView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Which SETs exist, which this node serves (each with its {@link SetRuntime}), and the modes of
 * the others as last stored (shown, never enforced here). Finds the runtime that serves an
 * envelope or a SET, refusing with {@code NOT_OWNED}, {@code SET_UNAVAILABLE} (never reachable
 * since start, or the engine stopped) or an unknown SET; orders the owned SETs for a sender;
 * changes modes (stored first, then applied).
 *
 * <p>Concurrency: every method may be called by many request threads at once. The runtimes are
 * put in before the engine is handed out and only read afterwards; each {@link SetRuntime} guards
 * its own state. {@code foreignModes} is written by admin requests while others read it, so it is
 * a concurrent map, and a change is one {@code put} of an immutable {@link ModeChange}.
 */
final class SetDirectory {

    private static final Logger log = LoggerFactory.getLogger(SetDirectory.class);

    private final EngineConfig config;
    private final Map<SetId, SetRuntime> runtimes = new TreeMap<>();
    private final Map<SetId, ModeChange> foreignModes = new ConcurrentSkipListMap<>();
    private volatile boolean closed;

    SetDirectory(EngineConfig config) {
        this.config = config;
    }

    /** At start only, before any request. */
    void serve(SetRuntime rt) {
        runtimes.put(rt.set(), rt);
    }

    /** At start only: a SET another node serves, with its stored mode. */
    void elsewhere(ModeChange mode) {
        foreignModes.put(mode.set(), mode);
    }

    Collection<SetRuntime> owned() {
        return runtimes.values();
    }

    void close() {
        closed = true;
        runtimes.values().forEach(SetRuntime::stop);
    }

    void requireOpen(SetId set) {
        if (closed) {
            throw new RejectedException(Reason.SET_UNAVAILABLE, set, "the engine is stopped", Duration.ofSeconds(1));
        }
    }

    /** The runtime of the envelope's SET, ready to serve it. */
    SetRuntime serving(EnvelopeId id) {
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

    /** The runtime of a SET this node serves (ready or not), for operations. */
    SetRuntime owned(SetId set) {
        SetRuntime rt = runtimes.get(set);
        if (rt == null) {
            if (set.index() >= config.setCount()) {
                throw new InvalidInputException("set", "SET " + set + " does not exist");
            }
            throw new RejectedException(Reason.NOT_OWNED, set, "this node does not serve SET " + set, null);
        }
        return rt;
    }

    /** The SET a sender's envelopes go to while it takes sends (a hash of the sender id). */
    SetId homeSetOf(String senderId) {
        return SetId.of(Math.floorMod(senderId.hashCode() * 0x9E3779B9, config.setCount()));
    }

    /** Owned SETs, starting at the sender's home SET. */
    List<SetRuntime> preferenceOrder(String senderId) {
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

    List<SetView> views() {
        List<SetView> out = new ArrayList<>();
        for (SetId s : config.allSets()) {
            out.add(view(s));
        }
        return out;
    }

    SetView view(SetId set) {
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

    SetMode mode(SetId set) {
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

    ModeChange setMode(SetId set, SetMode mode, String reason, String actor) {
        EngineInput.modeChange(mode, reason, actor);
        view(set); // existence
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
}

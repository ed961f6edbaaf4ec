package io.redset.probes.internal;

import io.redset.engine.ClaimEngine;
import io.redset.engine.ModeChange;
import io.redset.engine.SetMode;
import io.redset.engine.SetView;
import io.redset.probes.Component;
import io.redset.probes.ComponentHealth;
import io.redset.probes.ComponentId;
import io.redset.probes.ComponentState;
import io.redset.probes.ComponentStatus;
import io.redset.probes.DailyRollup;
import io.redset.probes.MaintenanceWindow;
import io.redset.probes.ProbeId;
import io.redset.probes.ProbeLevel;
import io.redset.probes.ProbeRun;
import io.redset.probes.ProbeState;
import io.redset.probes.ProbesConfig;
import io.redset.probes.StatusChange;
import io.redset.probes.StatusOverride;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The status of every component, derived from its probes (with hysteresis, {@link ProbeHysteresis}),
 * the SET's degradation mode, active maintenance and admin overrides, in this order of precedence:
 * <ol>
 *   <li>an active override wins;</li>
 *   <li>else active maintenance covering the component: under_maintenance;</li>
 *   <li>else the worse of the probes' verdict (a DOWN probe means its type's
 *       {@link io.redset.probes.ProbeType#downMeans()}, a DEGRADED one degraded_performance) and the
 *       mode's (DEGRADED and SEND_PAUSED: degraded_performance, READ_ONLY: partial_outage, OFFLINE:
 *       major_outage).</li>
 * </ol>
 * After a restart a component keeps its recorded status until each of its probes has run
 * max(N, M) times, so a restart neither hides an outage nor invents a recovery.
 *
 * <p><b>Concurrency.</b> All state is guarded by this object's monitor; every operation under it is
 * in memory and short (results from probe threads, re-evaluation from the ticker, overrides from
 * request threads). Changes are handed to the result writer's queue under the monitor (never blocks)
 * and to listeners after it is released. Reads of history and rollups go to the control database
 * without the monitor.
 */
public final class HealthModel implements ComponentHealth {

    private static final Logger log = LoggerFactory.getLogger(HealthModel.class);
    private static final int RECENT_CHANGES = 1_000;
    private static final Duration REEVALUATION_PERIOD = Duration.ofSeconds(1);

    private final ProbesConfig config;
    private final Clock clock;
    private final ClaimEngine engine;
    private final ProbeStore store;
    private final ResultWriter writer;
    private final int warmUpRuns;
    private final Map<ComponentId, Tracker> trackers = new LinkedHashMap<>();
    private final Deque<StatusChange> recent = new ArrayDeque<>();
    private final List<Consumer<StatusChange>> listeners = new CopyOnWriteArrayList<>();
    private Instant lastReevaluation = Instant.MIN;

    /** One component's state; guarded by the model's monitor. */
    private static final class Tracker {
        final Component component;
        final Map<ProbeId, ProbeHysteresis> probes = new LinkedHashMap<>();
        ComponentStatus status;
        Instant since;
        String cause;
        StatusOverride override;
        SetMode mode;
        /** The status recorded before this start, held until the probes have warmed up; null once warm. */
        ComponentStatus recorded;

        Tracker(Component component) {
            this.component = component;
        }
    }

    private record Verdict(ComponentStatus status, String cause) {
    }

    public HealthModel(ProbesConfig config, ClaimEngine engine, List<Component> components, List<ProbeId> probes,
                       ProbeStore store, ResultWriter writer) {
        this.config = config;
        this.clock = config.clock();
        this.engine = engine;
        this.store = store;
        this.writer = writer;
        this.warmUpRuns = Math.max(config.failuresToDown(), config.successesToUp());
        Instant now = clock.instant();
        Map<ComponentId, StatusChange> last = store.lastChanges();
        Map<ComponentId, StatusOverride> overrides = store.loadOverrides();
        List<StatusChange> changes = new ArrayList<>();
        synchronized (this) {
            for (Component c : components) {
                Tracker t = new Tracker(c);
                for (ProbeId p : probes) {
                    if (p.component().equals(c.id())) {
                        t.probes.put(p, new ProbeHysteresis(p, config.failuresToDown(), config.successesToUp(), now));
                    }
                }
                StatusChange before = last.get(c.id());
                if (before != null) {
                    t.status = before.to();
                    t.since = before.at();
                    t.cause = before.cause();
                    t.recorded = before.to();
                } else {
                    t.status = ComponentStatus.OPERATIONAL;
                    t.since = now;
                    t.cause = "monitoring started";
                    changes.add(new StatusChange(c.id(), null, t.status, now, t.cause));
                }
                StatusOverride o = overrides.get(c.id());
                if (o != null) {
                    t.override = o;
                }
                trackers.put(c.id(), t);
            }
            for (Tracker t : trackers.values()) {
                StatusChange ch = evaluate(t, now, null);
                if (ch != null) {
                    changes.add(ch);
                }
            }
            changes.forEach(this::remember);
        }
        publish(changes);
    }

    // ------------------------------------------------------------------ inputs

    /** Takes one probe result and re-evaluates its component. */
    public void record(ProbeRun run) {
        StatusChange change;
        synchronized (this) {
            Tracker t = trackers.get(run.probe().component());
            if (t == null) {
                return;
            }
            ProbeHysteresis h = t.probes.get(run.probe());
            if (h == null) {
                return;
            }
            h.accept(run);
            change = evaluate(t, clock.instant(), null);
            if (change != null) {
                remember(change);
            }
        }
        if (change != null) {
            publish(List.of(change));
        }
    }

    /**
     * Re-evaluates every component for mode changes, maintenance windows and override expiry; at most
     * once per second of the clock (the ticker calls it every tick).
     */
    public void reevaluate() {
        Instant now = clock.instant();
        List<StatusChange> changes = new ArrayList<>();
        synchronized (this) {
            if (Duration.between(lastReevaluation, now).compareTo(REEVALUATION_PERIOD) < 0 && !lastReevaluation.equals(Instant.MIN)) {
                return;
            }
            lastReevaluation = now;
            for (Tracker t : trackers.values()) {
                StatusChange ch = evaluate(t, now, null);
                if (ch != null) {
                    remember(ch);
                    changes.add(ch);
                }
            }
        }
        publish(changes);
    }

    /** The status the inputs give now; records and returns a change when it differs. Under the monitor. */
    private StatusChange evaluate(Tracker t, Instant now, String trigger) {
        if (t.override != null && !t.override.activeAt(now)) {
            StatusOverride ended = t.override;
            t.override = null;
            writer.enqueueEnded(ended);
            trigger = "override by " + ended.actor() + " expired";
        }
        Verdict v = probeVerdict(t);
        if (t.component.set() != null && engine != null) {
            Verdict m = modeVerdict(t);
            if (m != null && m.status.isWorseThan(v.status)) {
                v = m;
            }
        }
        for (MaintenanceWindow w : maintenanceAt(now)) {
            if (w.covers(t.component.id())) {
                v = new Verdict(ComponentStatus.UNDER_MAINTENANCE, "maintenance: " + w.title() + " (until " + w.end() + ")");
                break;
            }
        }
        if (t.override != null) {
            v = new Verdict(t.override.status(), "override by " + t.override.actor() + " until "
                    + t.override.expiresAt() + ": " + t.override.reason());
        }
        String cause = trigger == null ? v.cause : trigger + "; " + v.cause;
        t.cause = cause;
        if (v.status == t.status) {
            return null;
        }
        StatusChange change = new StatusChange(t.component.id(), t.status, v.status, now, cause);
        t.status = v.status;
        t.since = now;
        return change;
    }

    private List<MaintenanceWindow> maintenanceAt(Instant now) {
        try {
            return config.maintenance().activeAt(now);
        } catch (RuntimeException e) {
            log.warn("maintenance windows unavailable: {}", e.toString());
            return List.of();
        }
    }

    private Verdict probeVerdict(Tracker t) {
        if (t.recorded != null) {
            boolean warm = t.probes.values().stream().allMatch(h -> h.runs() >= warmUpRuns);
            if (!warm) {
                return new Verdict(t.recorded, "as recorded before the restart, until the probes have run");
            }
            t.recorded = null;
        }
        ComponentStatus worst = ComponentStatus.OPERATIONAL;
        String cause = null;
        for (ProbeHysteresis h : t.probes.values()) {
            ComponentStatus s = switch (h.level()) {
                case UP -> ComponentStatus.OPERATIONAL;
                case DEGRADED -> ComponentStatus.DEGRADED_PERFORMANCE;
                case DOWN -> h.probe().type().downMeans();
            };
            if (s.isWorseThan(worst)) {
                worst = s;
                cause = h.probe().type().tag() + ": " + h.cause();
            }
        }
        if (cause == null) {
            boolean anyResult = t.probes.values().stream().anyMatch(h -> h.runs() > 0);
            cause = t.probes.isEmpty() ? "no probes" : anyResult ? "all probes pass" : "no probe results yet";
        }
        return new Verdict(worst, cause);
    }

    private Verdict modeVerdict(Tracker t) {
        SetView view;
        try {
            view = engine.set(t.component.set());
        } catch (RuntimeException e) {
            return null;
        }
        t.mode = view.mode();
        ModeChange change = view.lastChange();
        String by = change == null ? "" : ", set by " + change.actor() + ": " + change.reason();
        return switch (view.mode()) {
            case NORMAL -> null;
            case DEGRADED, SEND_PAUSED -> new Verdict(ComponentStatus.DEGRADED_PERFORMANCE, "mode " + view.mode() + by);
            case READ_ONLY -> new Verdict(ComponentStatus.PARTIAL_OUTAGE, "mode READ_ONLY" + by);
            case OFFLINE -> new Verdict(ComponentStatus.MAJOR_OUTAGE, "mode OFFLINE" + by);
        };
    }

    private void remember(StatusChange change) {
        writer.enqueue(change);
        recent.addLast(change);
        while (recent.size() > RECENT_CHANGES) {
            recent.pollFirst();
        }
        log.info("component {}: {} -> {} ({})", change.component(), change.from() == null ? "-" : change.from().wireName(),
                change.to().wireName(), change.cause());
    }

    private void publish(List<StatusChange> changes) {
        for (StatusChange c : changes) {
            for (Consumer<StatusChange> l : listeners) {
                try {
                    l.accept(c);
                } catch (RuntimeException e) {
                    log.warn("status change listener failed: {}", e.toString());
                }
            }
        }
    }

    // ------------------------------------------------------------------ ComponentHealth

    @Override
    public synchronized List<ComponentState> components() {
        return trackers.values().stream().map(this::state).toList();
    }

    @Override
    public synchronized Optional<ComponentState> component(ComponentId id) {
        Tracker t = trackers.get(id);
        return t == null ? Optional.empty() : Optional.of(state(t));
    }

    private ComponentState state(Tracker t) {
        List<ProbeState> probes = t.probes.values().stream().map(ProbeHysteresis::state).toList();
        StatusOverride o = t.override != null && t.override.activeAt(clock.instant()) ? t.override : null;
        return new ComponentState(t.component, t.status, t.since, t.cause, o, t.mode, probes);
    }

    @Override
    public List<StatusChange> changesSince(Instant since) {
        return changes(null, since);
    }

    @Override
    public List<StatusChange> changesSince(ComponentId component, Instant since) {
        return changes(component, since);
    }

    private List<StatusChange> changes(ComponentId component, Instant since) {
        try {
            writer.drain();
            return store.changesSince(component, since);
        } catch (RuntimeException e) {
            log.warn("status changes read from memory, the control database did not answer: {}", e.toString());
            synchronized (this) {
                return recent.stream()
                        .filter(c -> c.at().isAfter(since) && (component == null || c.component().equals(component)))
                        .toList();
            }
        }
    }

    @Override
    public List<DailyRollup> rollups(LocalDate from, LocalDate to) {
        return store.rollups(null, from, to);
    }

    @Override
    public List<DailyRollup> rollups(ComponentId component, LocalDate from, LocalDate to) {
        return store.rollups(component, from, to);
    }

    @Override
    public StatusOverride override(ComponentId component, ComponentStatus status, String reason, String actor,
                                   Instant expiresAt) {
        if (expiresAt == null) {
            throw new IllegalArgumentException("an override needs an expiry");
        }
        synchronized (this) {
            if (!trackers.containsKey(component)) {
                throw new IllegalArgumentException("unknown component: " + component);
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        StatusOverride o = new StatusOverride(component, status, reason, actor, now, expiresAt.truncatedTo(ChronoUnit.MICROS));
        store.saveOverride(o);
        StatusChange change;
        synchronized (this) {
            Tracker t = trackers.get(component);
            t.override = o;
            change = evaluate(t, clock.instant(), null);
            if (change != null) {
                remember(change);
            }
        }
        log.warn("component {} overridden to {} by {} until {}: {}", component, status.wireName(), actor, o.expiresAt(), reason);
        if (change != null) {
            publish(List.of(change));
        }
        return o;
    }

    @Override
    public void clearOverride(ComponentId component, String actor) {
        synchronized (this) {
            if (!trackers.containsKey(component)) {
                throw new IllegalArgumentException("unknown component: " + component);
            }
        }
        store.deleteOverride(component);
        StatusChange change = null;
        synchronized (this) {
            Tracker t = trackers.get(component);
            if (t.override != null) {
                t.override = null;
                change = evaluate(t, clock.instant(), "override cleared by " + actor);
                if (change != null) {
                    remember(change);
                }
            }
        }
        if (change != null) {
            publish(List.of(change));
        }
    }

    @Override
    public void addListener(Consumer<StatusChange> listener) {
        listeners.add(listener);
    }

    /** The components, for the rollups. */
    synchronized List<ComponentId> componentIds() {
        return List.copyOf(trackers.keySet());
    }

    /** A probe's current level (tests). */
    public synchronized ProbeLevel level(ProbeId probe) {
        Tracker t = trackers.get(probe.component());
        return t == null || t.probes.get(probe) == null ? null : t.probes.get(probe).level();
    }
}

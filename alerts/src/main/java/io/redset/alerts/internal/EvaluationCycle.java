package io.redset.alerts.internal;

import io.micrometer.core.instrument.Timer;
import io.redset.alerts.Alert;
import io.redset.alerts.AlertRule;
import io.redset.alerts.AlertState;
import io.redset.alerts.AlertsConfig;
import io.redset.alerts.Notification;
import io.redset.alerts.RequestCounters;
import io.redset.alerts.Silence;
import io.redset.probes.ComponentHealth;
import io.redset.probes.MaintenanceWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One evaluation of the alert rules, from the counters to the stored outbox rows: read the request
 * counters into the window, evaluate every enabled rule, move the alerts ({@link AlertBook}),
 * compute mute (silences, maintenance), plan notifications ({@link NotificationPlanner}), and
 * store alerts, history and outbox rows in one transaction. When that transaction fails, the
 * alerts' notification marks are put back as they were, so the next evaluation plans the same
 * notifications again: nothing is lost, nothing is sent that was not stored.
 *
 * <p>Concurrency: {@link #run} is called by one thread at a time (the caller,
 * {@code Alerts.evaluate}, is synchronized); the lists of resolves still owed and of closed alerts
 * not yet written are confined to it. Mute fields are written under the book's lock, where web
 * threads read them.
 */
public final class EvaluationCycle {

    private static final Logger log = LoggerFactory.getLogger(EvaluationCycle.class);

    private final AlertsConfig config;
    private final RequestCounters counters;
    private final ComponentHealth health;
    private final AlertStore store;
    private final AlertBook book;
    private final NotificationPlanner planner;
    private final Timer timer;
    private final MeterWindow window = new MeterWindow(Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(3));
    /** Resolved alerts whose resolve notification is not stored yet. */
    private final List<AlertBook.Entry> owingResolve = new ArrayList<>();
    /** Closed alerts whose final state is not yet in the control database. */
    private final List<AlertBook.Entry> closedUnwritten = new ArrayList<>();

    public EvaluationCycle(AlertsConfig config, RequestCounters counters, ComponentHealth health, AlertStore store,
                           AlertBook book, NotificationPlanner planner, Timer timer) {
        this.config = config;
        this.counters = counters;
        this.health = health;
        this.store = store;
        this.book = book;
        this.planner = planner;
        this.timer = timer;
    }

    /** An alert loaded at start that closed before its resolve was stored: it is owed at the next run. */
    public void owesResolve(AlertBook.Entry e) {
        owingResolve.add(e);
    }

    /** Evaluates {@code rules} with {@code silences} in force; returns the time of the evaluation. */
    public Instant run(List<AlertRule> rules, List<Silence> silences) {
        Timer.Sample timing = Timer.start();
        Instant now = config.clock().instant();
        window.add(now, counters.read());
        List<AlertBook.Transition> transitions = new ArrayList<>();
        Set<String> live = new HashSet<>();
        for (AlertRule rule : rules) {
            if (!rule.enabled()) {
                continue;
            }
            live.add(rule.name());
            if (rule.kind().countsRequests() && window.covered().isZero()) {
                continue; // one snapshot is no window yet (first evaluation after a start): change nothing
            }
            List<Sample> samples;
            try {
                samples = RuleEvaluator.evaluate(rule, window, health);
            } catch (RuntimeException e) {
                log.warn("alerts: rule {} failed: {}", rule.name(), e.toString());
                continue;
            }
            transitions.addAll(book.apply(rule, samples, now));
        }
        transitions.addAll(book.retire(live, now));
        transitions.addAll(book.expireExternal(now));
        List<Alert> ackEnded = book.expireAcks(now);
        List<AlertBook.Entry> closedNow = book.drainJustClosed();
        for (AlertBook.Entry e : closedNow) {
            if (e.state == AlertState.RESOLVED && e.firingNotified) {
                e.resolvePending = true;
                owingResolve.add(e);
            }
        }
        List<AlertBook.Entry> open = book.openEntries();
        List<AlertBook.MuteChange> muteEvents = mute(open, silences, now);
        List<AlertBook.Entry> resolved = List.copyOf(owingResolve);
        NotificationPlanner.Plan plan = planner.plan(open, resolved, now);
        Map<AlertBook.Entry, AlertBook.NotificationMarks> before = new LinkedHashMap<>();
        for (AlertBook.Entry e : union(open, resolved)) {
            before.put(e, e.marks());
        }
        plan.applyMarks();
        Instant expires = now.plus(config.deliveryExpiry());
        // closed rows first: a fingerprint's new alert must not meet its old one still open in the table
        closedUnwritten.addAll(closedNow);
        List<AlertBook.Entry> toWrite = union(union(closedUnwritten, resolved), open);
        try {
            store.tx(c -> {
                store.writeAlerts(c, toWrite, toWrite.stream().filter(e -> e.resolvePending).toList());
                for (AlertBook.Transition t : transitions) {
                    store.event(c, t.alert().id(), t.at(), t.to().wireName(), null, "from " + t.from().wireName()
                            + ", value " + t.alert().value());
                }
                for (Alert a : ackEnded) {
                    store.event(c, a.id(), now, "ack_expired", a.ack().by(), "acknowledgement timed out, notifying again");
                }
                for (AlertBook.MuteChange m : muteEvents) {
                    store.event(c, m.alertId(), now, m.muted() ? "muted" : "unmuted", null, m.detail());
                }
                for (Notification n : plan.notifications()) {
                    if (store.enqueue(c, n, now, expires)) {
                        for (Notification.Item i : n.alerts()) {
                            store.event(c, i.alertId(), now, "notification_queued", null, n.receiver() + " " + n.event() + " " + n.dedupKey());
                        }
                    }
                }
                return null;
            });
            owingResolve.removeIf(e -> !e.resolvePending);
            closedUnwritten.clear();
        } catch (RuntimeException e) {
            before.forEach(AlertBook.Entry::restore);
            log.warn("alerts: could not store the evaluation at {}: {} (notifications are planned again next time)", now, e.toString());
        }
        timing.stop(timer);
        return now;
    }

    /** Sets each open alert's silences and maintenance windows; returns the alerts whose mute changed. */
    private List<AlertBook.MuteChange> mute(List<AlertBook.Entry> open, List<Silence> silences, Instant now) {
        List<AlertBook.MuteChange> changes = new ArrayList<>();
        List<MaintenanceWindow> maintenance = config.maintenance().activeAt(now);
        for (AlertBook.Entry e : open) {
            List<Long> s = silences.stream().filter(x -> x.mutes(e.labels, now)).map(Silence::id).toList();
            String component = e.labels.get("component");
            List<String> m = component == null ? List.of() : maintenance.stream()
                    .filter(w -> w.components().stream().anyMatch(c -> c.value().equals(component)))
                    .map(w -> w.id() + ": " + w.title()).toList();
            synchronized (book) {
                if (!s.equals(e.silencedBy) || !m.equals(e.maintenance)) {
                    changes.add(new AlertBook.MuteChange(e.id, !(s.isEmpty() && m.isEmpty()),
                            "silences " + s + ", maintenance " + m));
                }
                e.silencedBy = s;
                e.maintenance = m;
            }
        }
        return changes;
    }

    private static List<AlertBook.Entry> union(List<AlertBook.Entry> a, List<AlertBook.Entry> b) {
        List<AlertBook.Entry> out = new ArrayList<>(a);
        for (AlertBook.Entry e : b) {
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }
}

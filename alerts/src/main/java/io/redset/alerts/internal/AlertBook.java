package io.redset.alerts.internal;

import io.redset.alerts.Acknowledgement;
import io.redset.alerts.Alert;
import io.redset.alerts.AlertRule;
import io.redset.alerts.AlertState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The alert state machine: open alerts (pending or firing) by fingerprint, and the recent closed ones.
 *
 * <pre>
 * inactive --condition--> pending --held for `for`--> firing --condition gone for keep_firing_for--> resolved
 *                         pending --condition gone--> inactive (never fired)
 * </pre>
 * A resolved or inactive alert is closed for good; the condition holding again opens a new alert
 * (new id) with the same fingerprint.
 *
 * <p>Concurrency: every method is synchronized on the book. The evaluation thread calls
 * {@link #apply}; web threads call {@link #acknowledge} and read; nothing slow happens under the lock.
 */
public final class AlertBook {

    /** Mutable state of one open alert; only touched under the book's lock. */
    public static final class Entry {
        public long id;
        public String fingerprint;
        public String rule;
        public String source;
        public Map<String, String> labels;
        public Map<String, String> annotations;
        public AlertState state;
        public double value;
        public Instant activeSince;
        public Instant firedAt;
        public Instant lastActiveAt;
        public Instant resolvedAt;
        public Acknowledgement ack;
        public List<Long> silencedBy = List.of();
        public List<String> maintenance = List.of();
        public int notifications;
        public Instant lastNotifiedAt;
        /** When each receiver was last sent this alert firing (its repeat interval counts from there). */
        public Map<String, Instant> lastNotifiedBy = new java.util.HashMap<>();
        public boolean firingNotified;
        public boolean ackNotified;
        public Duration forDuration = Duration.ZERO;
        public Duration keepFiringFor = Duration.ZERO;
        /** For alerts taken in from Alertmanager: when they end unless renewed. */
        public Instant endsAt;
        /** Closed, but its resolve notification is not stored in the outbox yet. */
        public boolean resolvePending;

        public Alert view() {
            return new Alert(id, fingerprint, rule, source, labels, annotations, state, value, activeSince, firedAt,
                    lastActiveAt, resolvedAt, ack, silencedBy, maintenance, notifications);
        }

        /** A copy of what planning notifications changes, to put back if the cycle is not stored. */
        public NotificationMarks marks() {
            return new NotificationMarks(firingNotified, lastNotifiedAt, notifications, ackNotified, resolvePending,
                    new java.util.HashMap<>(lastNotifiedBy));
        }

        /** Puts back the marks taken before a cycle whose write failed: it plans them again next time. */
        public void restore(NotificationMarks m) {
            firingNotified = m.firingNotified();
            lastNotifiedAt = m.lastNotifiedAt();
            notifications = m.notifications();
            ackNotified = m.ackNotified();
            resolvePending = m.resolvePending();
            lastNotifiedBy = new java.util.HashMap<>(m.lastNotifiedBy());
        }
    }

    /** The notification bookkeeping of an entry at one moment (a copy: later changes to the entry do not reach it). */
    public record NotificationMarks(boolean firingNotified, Instant lastNotifiedAt, int notifications, boolean ackNotified,
                                    boolean resolvePending, Map<String, Instant> lastNotifiedBy) {
    }

    /** A change in what mutes an alert (its silences and maintenance windows), for its history. */
    public record MuteChange(long alertId, boolean muted, String detail) {
    }

    /** A state change, for the history and the notifications. */
    public record Transition(Alert alert, AlertState from, AlertState to, Instant at) {
    }

    private static final int CLOSED_KEPT = 1000;

    private final Map<String, Entry> open = new LinkedHashMap<>();
    private final List<Entry> justClosed = new ArrayList<>();
    private final Deque<Entry> closed = new ArrayDeque<>();
    private final LongSupplier ids;

    public AlertBook(LongSupplier ids) {
        this.ids = ids;
    }

    /** Puts back an open alert loaded from the control database at start. */
    public synchronized void restore(Entry e) {
        open.put(e.fingerprint, e);
    }

    /** Applies one evaluation of a rule: the samples are the series whose condition holds now. */
    public synchronized List<Transition> apply(AlertRule rule, List<Sample> samples, Instant now) {
        List<Transition> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Sample s : samples) {
            String fp = Fingerprint.of(s.labels());
            seen.add(fp);
            Entry e = open.get(fp);
            if (e == null) {
                e = new Entry();
                e.id = ids.getAsLong();
                e.fingerprint = fp;
                e.rule = rule.name();
                e.source = "rule";
                e.labels = Map.copyOf(s.labels());
                e.state = AlertState.INACTIVE;
                e.activeSince = now;
                open.put(fp, e);
            }
            e.forDuration = rule.forDuration();
            e.keepFiringFor = rule.keepFiringFor();
            e.annotations = Map.copyOf(s.annotations());
            e.value = s.value();
            e.lastActiveAt = now;
            if (e.state == AlertState.INACTIVE) {
                move(e, AlertState.PENDING, now, out);
            }
            if (e.state == AlertState.PENDING && !now.isBefore(e.activeSince.plus(rule.forDuration()))) {
                e.firedAt = now;
                move(e, AlertState.FIRING, now, out);
            }
        }
        for (Entry e : List.copyOf(open.values())) {
            if (!e.rule.equals(rule.name()) || !"rule".equals(e.source) || seen.contains(e.fingerprint)) {
                continue;
            }
            e.keepFiringFor = rule.keepFiringFor();
            if (e.state == AlertState.PENDING) {
                close(e, AlertState.INACTIVE, now, out);
            } else if (e.state == AlertState.FIRING && !now.isBefore(e.lastActiveAt.plus(rule.keepFiringFor()))) {
                close(e, AlertState.RESOLVED, now, out);
            }
        }
        return out;
    }

    /** Closes every open alert of a rule that was removed or disabled. */
    public synchronized List<Transition> retire(Set<String> liveRules, Instant now) {
        List<Transition> out = new ArrayList<>();
        for (Entry e : List.copyOf(open.values())) {
            if ("rule".equals(e.source) && !liveRules.contains(e.rule)) {
                close(e, e.state == AlertState.FIRING ? AlertState.RESOLVED : AlertState.INACTIVE, now, out);
            }
        }
        return out;
    }

    /**
     * An alert taken in from an external Alertmanager: firing at once (its own rules already waited),
     * until it is sent resolved or its endsAt passes.
     */
    public synchronized List<Transition> external(Map<String, String> labels, Map<String, String> annotations,
                                                  Instant startsAt, Instant endsAt, boolean resolved, Instant now) {
        List<Transition> out = new ArrayList<>();
        String fp = Fingerprint.of(labels);
        Entry e = open.get(fp);
        if (resolved) {
            if (e != null && "alertmanager".equals(e.source)) {
                close(e, AlertState.RESOLVED, now, out);
            }
            return out;
        }
        if (e == null) {
            e = new Entry();
            e.id = ids.getAsLong();
            e.fingerprint = fp;
            e.rule = labels.getOrDefault("alertname", "external");
            e.source = "alertmanager";
            e.labels = Map.copyOf(labels);
            e.state = AlertState.INACTIVE;
            e.activeSince = startsAt == null ? now : startsAt;
            open.put(fp, e);
        }
        e.annotations = Map.copyOf(annotations);
        e.lastActiveAt = now;
        e.endsAt = endsAt;
        if (e.state != AlertState.FIRING) {
            e.firedAt = now;
            move(e, AlertState.FIRING, now, out);
        }
        return out;
    }

    /** Resolves external alerts whose endsAt has passed without a renewal. */
    public synchronized List<Transition> expireExternal(Instant now) {
        List<Transition> out = new ArrayList<>();
        for (Entry e : List.copyOf(open.values())) {
            if ("alertmanager".equals(e.source) && e.endsAt != null && !now.isBefore(e.endsAt)) {
                close(e, AlertState.RESOLVED, now, out);
            }
        }
        return out;
    }

    /** Acknowledges an open alert; empty when no open alert has that id. */
    public synchronized Optional<Alert> acknowledge(long id, String by, String comment, Instant now, Duration timeout) {
        for (Entry e : open.values()) {
            if (e.id == id) {
                e.ack = new Acknowledgement(by, now, comment, timeout.isZero() ? null : now.plus(timeout));
                e.ackNotified = false;
                return Optional.of(e.view());
            }
        }
        return Optional.empty();
    }

    /** Ends acknowledgements that timed out: the alert notifies again at once. Returns the ones ended. */
    public synchronized List<Alert> expireAcks(Instant now) {
        List<Alert> out = new ArrayList<>();
        for (Entry e : open.values()) {
            if (e.ack != null && !e.ack.activeAt(now)) {
                out.add(e.view());
                e.ack = null;
                e.lastNotifiedBy = new java.util.HashMap<>();
            }
        }
        return out;
    }

    /** Runs an action on every open entry under the lock (mute computation, notification planning). */
    public synchronized void forEachOpen(java.util.function.Consumer<Entry> action) {
        open.values().forEach(action);
    }

    /** The entries closed since the last call (by evaluations, retirements or inbound resolves). */
    public synchronized List<Entry> drainJustClosed() {
        List<Entry> out = List.copyOf(justClosed);
        justClosed.clear();
        return out;
    }

    /** The open entries themselves, for the evaluation thread (which alone changes their notification fields). */
    public synchronized List<Entry> openEntries() {
        return List.copyOf(open.values());
    }

    public synchronized List<Alert> openAlerts() {
        return open.values().stream().map(Entry::view).sorted(Comparator.comparingLong(Alert::id)).toList();
    }

    public synchronized List<Alert> recentlyClosed() {
        List<Alert> out = new ArrayList<>();
        closed.descendingIterator().forEachRemaining(e -> out.add(e.view()));
        return out;
    }

    public synchronized Optional<Alert> find(long id) {
        for (Entry e : open.values()) {
            if (e.id == id) {
                return Optional.of(e.view());
            }
        }
        for (Entry e : closed) {
            if (e.id == id) {
                return Optional.of(e.view());
            }
        }
        return Optional.empty();
    }

    public synchronized Optional<Alert> byFingerprint(String fingerprint) {
        Entry e = open.get(fingerprint);
        return e == null ? Optional.empty() : Optional.of(e.view());
    }

    private static void move(Entry e, AlertState to, Instant now, List<Transition> out) {
        AlertState from = e.state;
        e.state = to;
        out.add(new Transition(e.view(), from, to, now));
    }

    private void close(Entry e, AlertState to, Instant now, List<Transition> out) {
        e.resolvedAt = now;
        move(e, to, now, out);
        open.remove(e.fingerprint);
        closed.addLast(e);
        justClosed.add(e);
        while (closed.size() > CLOSED_KEPT) {
            closed.pollFirst();
        }
    }
}

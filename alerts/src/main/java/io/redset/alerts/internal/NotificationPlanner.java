package io.redset.alerts.internal;

import io.redset.alerts.AlertState;
import io.redset.alerts.LabelMatcher;
import io.redset.alerts.Notification;
import io.redset.alerts.Notifier;
import io.redset.alerts.Route;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides what to notify after an evaluation, the stages of Alertmanager's pipeline before delivery:
 * mute (silence, maintenance: nothing is sent; ack: no repeat) -> route (labels to receivers) -> group
 * (one notification per receiver and alertname, listing every alert of the group) -> dedup (a key per
 * receiver and event, unique in the outbox). Marks are applied to the alerts only after the outbox rows
 * are committed ({@link Plan#applyMarks()}), so a failed write plans the same again next time.
 */
public final class NotificationPlanner {

    /** Notifications to store, and what to record on the alerts once they are stored. */
    public record Plan(List<Notification> notifications, List<Runnable> marks) {
        public void applyMarks() {
            marks.forEach(Runnable::run);
        }
    }

    private final List<Route> routes;
    private final Map<String, Notifier> notifiers;
    private final String externalUrl;

    public NotificationPlanner(List<Route> routes, Map<String, Notifier> notifiers, String externalUrl) {
        this.notifiers = notifiers;
        this.externalUrl = externalUrl;
        if (routes.isEmpty()) {
            List<Route> all = new ArrayList<>();
            notifiers.keySet().forEach(r -> all.add(new Route(r, List.of(), Route.DEFAULT_REPEAT_INTERVAL)));
            this.routes = all;
        } else {
            this.routes = routes;
        }
    }

    /** Receivers of an alert with their repeat intervals (first matching route wins per receiver). */
    Map<String, Duration> route(Map<String, String> labels) {
        Map<String, Duration> out = new LinkedHashMap<>();
        for (Route r : routes) {
            if (LabelMatcher.all(r.matchers(), labels)) {
                out.putIfAbsent(r.receiver(), r.repeatInterval());
            }
        }
        return out;
    }

    private static final class Group {
        final String receiver;
        final String alertname;
        final List<AlertBook.Entry> members = new ArrayList<>();
        final Set<AlertBook.Entry> due = new LinkedHashSet<>();

        Group(String receiver, String alertname) {
            this.receiver = receiver;
            this.alertname = alertname;
        }
    }

    /**
     * @param open     the open alerts (called under the book's lock by the caller's forEachOpen snapshot)
     * @param resolved alerts closed and still owing a resolve notification
     */
    public Plan plan(List<AlertBook.Entry> open, List<AlertBook.Entry> resolved, Instant now) {
        Map<String, Group> firing = new TreeMap<>();
        Map<String, Group> acks = new TreeMap<>();
        List<Runnable> marks = new ArrayList<>();
        for (AlertBook.Entry e : open) {
            if (e.state != AlertState.FIRING || !e.silencedBy.isEmpty() || !e.maintenance.isEmpty()) {
                continue;
            }
            boolean acked = e.ack != null && e.ack.activeAt(now);
            String name = e.labels.getOrDefault("alertname", e.rule);
            for (Map.Entry<String, Duration> r : route(e.labels).entrySet()) {
                Group g = firing.computeIfAbsent(r.getKey() + "\u0000" + name, k -> new Group(r.getKey(), name));
                g.members.add(e);
                Instant last = e.lastNotifiedBy.get(r.getKey());
                boolean due = last == null || (!acked && !now.isBefore(last.plus(r.getValue())));
                if (due) {
                    g.due.add(e);
                }
                Notifier n = notifiers.get(r.getKey());
                if (acked && !e.ackNotified && e.firingNotified && n != null && n.wantsAcknowledgements()) {
                    Group a = acks.computeIfAbsent(r.getKey() + "\u0000" + name, k -> new Group(r.getKey(), name));
                    a.members.add(e);
                    a.due.add(e);
                }
            }
        }
        for (AlertBook.Entry e : resolved) {
            String name = e.labels.getOrDefault("alertname", e.rule);
            for (String receiver : route(e.labels).keySet()) {
                Group g = firing.computeIfAbsent(receiver + "\u0000" + name, k -> new Group(receiver, name));
                g.members.add(e);
                g.due.add(e);
            }
            marks.add(() -> e.resolvePending = false);
        }
        List<Notification> out = new ArrayList<>();
        Set<AlertBook.Entry> notified = new LinkedHashSet<>();
        for (Group g : firing.values()) {
            if (g.due.isEmpty()) {
                continue;
            }
            boolean anyFiring = g.members.stream().anyMatch(m -> m.state == AlertState.FIRING);
            out.add(notification(g, anyFiring ? "firing" : "resolved", now));
            notified.addAll(g.due);
            for (AlertBook.Entry e : g.due) {
                if (e.state == AlertState.FIRING) {
                    marks.add(() -> e.lastNotifiedBy.put(g.receiver, now));
                }
            }
        }
        for (Group g : acks.values()) {
            out.add(notification(g, "acknowledged", now));
            g.due.forEach(e -> marks.add(() -> e.ackNotified = true));
        }
        for (AlertBook.Entry e : notified) {
            if (e.state == AlertState.FIRING) {
                marks.add(() -> {
                    e.firingNotified = true;
                    e.lastNotifiedAt = now;
                    e.notifications++;
                });
            } else {
                marks.add(() -> e.notifications++);
            }
        }
        return new Plan(out, marks);
    }

    /**
     * A label value in double quotes as Alertmanager writes it in a group key (Go's {@code %q}):
     * {@code \} and {@code "} and the usual control characters backslash-escaped ({@code \n},
     * {@code \t}...), other control characters as {@code \xNN} or {@code \}{@code uNNNN}.
     */
    static String quoted(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\u0007' -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\u000b' -> b.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else if (Character.isISOControl(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private Notification notification(Group g, String event, Instant now) {
        List<AlertBook.Entry> members = g.members.stream().sorted(Comparator.comparingLong(e -> e.id)).toList();
        List<Notification.Item> items = new ArrayList<>();
        StringBuilder key = new StringBuilder(g.receiver).append('|').append(event).append('|').append(g.alertname);
        for (AlertBook.Entry e : members) {
            boolean firing = e.state == AlertState.FIRING;
            items.add(new Notification.Item(e.id, firing ? "firing" : "resolved", e.labels,
                    e.annotations == null ? Map.of() : e.annotations, e.firedAt == null ? e.activeSince : e.firedAt,
                    firing ? null : e.resolvedAt, e.fingerprint, e.ack == null ? null : e.ack.by(),
                    e.ack == null ? null : e.ack.comment()));
            int seq = g.due.contains(e) ? e.notifications + 1 : e.notifications;
            key.append('|').append(e.id).append(':').append(firing ? "f" : "r").append(':').append(seq);
            if ("acknowledged".equals(event) && e.ack != null) {
                key.append(':').append(e.ack.at().toEpochMilli());
            }
        }
        String groupKey = "{}:{alertname=" + quoted(g.alertname) + "}";
        return new Notification(0, g.receiver, event, groupKey, Map.of("alertname", g.alertname), items, externalUrl,
                g.receiver + "/" + event + "/" + Fingerprint.hex16(key.toString()), now);
    }
}

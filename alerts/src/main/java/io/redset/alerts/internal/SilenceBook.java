package io.redset.alerts.internal;

import io.redset.alerts.AlertsConfig;
import io.redset.alerts.LabelMatcher;
import io.redset.alerts.Silence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Silences: stored in the control database, kept in memory for the evaluator (those that ended
 * less than a day ago too, so an alert unmutes with an event rather than silently).
 *
 * <p>Concurrency: thread-safe; the in-memory list is immutable behind a volatile reference and
 * replaced whole (web threads add and reload, the evaluator reads), so a
 * reload never shows the evaluator an empty list for a moment; adding and reloading hold this
 * object's lock across their database statement, so a reload cannot drop a silence being added.
 */
public final class SilenceBook {

    private final AlertsConfig config;
    private final AlertStore store;
    private volatile List<Silence> silences = List.of();

    public SilenceBook(AlertsConfig config, AlertStore store) {
        this.config = config;
        this.store = store;
    }

    /**
     * Stores and applies a silence.
     *
     * @throws IllegalArgumentException naming the field ({@code comment}, {@code creator},
     *                                  {@code matchers[0]}) when it holds a control character other than
     *                                  tab and line breaks, or as {@link Silence} validates; nothing is
     *                                  stored or applied then
     */
    public Silence add(List<LabelMatcher> matchers, String creator, String comment, Instant start, Instant end) {
        SafeText.requireNoControls("comment", comment);
        SafeText.requireNoControls("creator", creator);
        for (int i = 0; i < matchers.size(); i++) {
            SafeText.requireNoControls("matchers[" + i + "]", matchers.get(i).toString());
        }
        synchronized (this) {
            Silence s = store.insertSilence(new Silence(0, matchers, creator, comment, start, end), config.clock().instant());
            List<Silence> more = new ArrayList<>(silences);
            more.add(s);
            silences = List.copyOf(more);
            return s;
        }
    }

    public boolean expire(long id) {
        boolean done = store.expireSilence(id, config.clock().instant());
        reload();
        return done;
    }

    /** What the evaluator applies (ended ones mute nothing: {@link Silence#mutes} checks the time). */
    public List<Silence> known() {
        return silences;
    }

    /** Silences not yet ended. */
    public List<Silence> current() {
        Instant now = config.clock().instant();
        return silences.stream().filter(s -> s.end().isAfter(now)).toList();
    }

    /** Reads the silences again (a silence another node added or expired shows up here). */
    public synchronized void reload() {
        silences = List.copyOf(store.silencesEndingAfter(config.clock().instant().minus(Duration.ofDays(1))));
    }
}

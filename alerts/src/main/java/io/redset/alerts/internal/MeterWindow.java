package io.redset.alerts.internal;

import io.redset.alerts.RequestCounters.Series;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Sliding windows over cumulative counters: each evaluation adds a snapshot; the increase over a
 * window is the newest snapshot minus the newest one at or before {@code now - window} (the oldest
 * one while less history exists).
 *
 * <p>Memory: snapshots younger than {@code fineRetention} are all kept; older ones are thinned to one
 * per {@code coarseStep} and dropped after {@code retention} (the longest window read, e.g. 3 days
 * for the ticket burn rate), so a 10 s interval keeps a few thousand snapshots, not 26,000.
 *
 * <p>Not thread-safe: only the evaluation thread uses it.
 */
public final class MeterWindow {

    private record Snapshot(Instant at, Map<Series, Long> counts) {
    }

    private final Deque<Snapshot> fine = new ArrayDeque<>();
    private final Deque<Snapshot> coarse = new ArrayDeque<>();
    private final Duration fineRetention;
    private final Duration coarseStep;
    private final Duration retention;

    public MeterWindow(Duration fineRetention, Duration coarseStep, Duration retention) {
        this.fineRetention = fineRetention;
        this.coarseStep = coarseStep;
        this.retention = retention.compareTo(fineRetention) < 0 ? fineRetention : retention;
    }

    public void add(Instant at, Map<Series, Long> counts) {
        fine.addLast(new Snapshot(at, Map.copyOf(counts)));
        Instant fineLimit = at.minus(fineRetention);
        while (fine.size() > 1 && fine.peekFirst().at().isBefore(fineLimit)) {
            Snapshot old = fine.pollFirst();
            if (coarse.isEmpty() || !old.at().isBefore(coarse.peekLast().at().plus(coarseStep))) {
                coarse.addLast(old);
            }
        }
        Instant limit = at.minus(retention).minus(coarseStep);
        while (!coarse.isEmpty() && coarse.peekFirst().at().isBefore(limit)) {
            coarse.pollFirst();
        }
    }

    public boolean isEmpty() {
        return fine.isEmpty();
    }

    public Instant newest() {
        return fine.isEmpty() ? null : fine.peekLast().at();
    }

    /** Increase of the matching series between {@code now - window} and now. */
    public long increase(Duration window, Predicate<Series> which) {
        if (fine.isEmpty()) {
            return 0;
        }
        Snapshot last = fine.peekLast();
        return sum(last, which) - sum(at(last.at().minus(window)), which);
    }

    /** Increase between {@code now - from} and {@code now - to} (from > to), e.g. the window before the last one. */
    public long increaseBetween(Duration from, Duration to, Predicate<Series> which) {
        if (fine.isEmpty()) {
            return 0;
        }
        Instant now = fine.peekLast().at();
        return sum(at(now.minus(to)), which) - sum(at(now.minus(from)), which);
    }

    /** How far back the history reaches. */
    public Duration covered() {
        if (fine.isEmpty()) {
            return Duration.ZERO;
        }
        Instant oldest = coarse.isEmpty() ? fine.peekFirst().at() : coarse.peekFirst().at();
        return Duration.between(oldest, fine.peekLast().at());
    }

    /** The newest snapshot at or before t, or the oldest one when none is that old. */
    private Snapshot at(Instant t) {
        Snapshot best = null;
        for (Iterator<Snapshot> it = fine.descendingIterator(); it.hasNext(); ) {
            Snapshot s = it.next();
            if (!s.at().isAfter(t)) {
                return s;
            }
            best = s;
        }
        for (Iterator<Snapshot> it = coarse.descendingIterator(); it.hasNext(); ) {
            Snapshot s = it.next();
            if (!s.at().isAfter(t)) {
                return s;
            }
            best = s;
        }
        return best;
    }

    private static long sum(Snapshot s, Predicate<Series> which) {
        long n = 0;
        for (Map.Entry<Series, Long> e : s.counts().entrySet()) {
            if (which.test(e.getKey())) {
                n += e.getValue();
            }
        }
        return n;
    }
}

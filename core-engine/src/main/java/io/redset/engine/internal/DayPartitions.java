package io.redset.engine.internal;

import io.redset.engine.RejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Hot/cold recycling of the day partitions of one SET (docs/architecture.md, "Tables split by envelope id and
 * day"; docs/decisions/0003-ids-carry-set-and-day.md).
 *
 * <p>The live partition of day-of-month d only ever holds envelopes of one date. Once every envelope
 * of that date is finished (lifetime over, refunds booked), the archiver detaches the partition,
 * moves it into the {@code archive} schema as {@code envelope_yyyymmdd} (same for claims and ledger),
 * and attaches an empty one: metadata operations, no mass delete. Before the first send of a day the
 * SET makes sure the partition of that day holds no older month ({@link #ensureReady}), archiving it
 * on the spot if the scheduled job has not run.
 */
final class DayPartitions {

    private static final Logger log = LoggerFactory.getLogger(DayPartitions.class);
    /** Idempotency keys are kept this long; a retry after that creates a new envelope. */
    static final Duration REQUEST_ID_RETENTION = Duration.ofDays(7);

    private final SetRuntime runtime;
    private volatile LocalDate readyDay;

    DayPartitions(SetRuntime runtime) {
        this.runtime = runtime;
    }

    /** Called before a send writes into today's partition. Cheap after the first call of the day. */
    void ensureReady(LocalDate today) throws SQLException {
        if (today.equals(readyDay)) {
            return;
        }
        synchronized (this) {
            if (today.equals(readyDay)) {
                return;
            }
            int d = today.getDayOfMonth();
            Optional<LocalDate> held = dataDayOf(d);
            if (held.isPresent() && !held.get().equals(today)) {
                if (!finished(held.get(), today) || hasActive(d)) {
                    throw new RejectedException(RejectedException.Reason.SET_UNAVAILABLE, runtime.set(),
                            "day partition " + d + " of SET " + runtime.set() + " still holds unfinished envelopes of "
                                    + held.get(), Duration.ofSeconds(60));
                }
                recycleInOwnTransaction(d, held.get());
            }
            readyDay = today;
        }
    }

    private boolean finished(LocalDate dataDay, LocalDate today) {
        // all envelopes of dataDay expire before dataDay + 1 day + lifetime; keep one more day of grace
        long lifetimeDays = (runtime.config().envelopeLifetime().toHours() + 23) / 24;
        return dataDay.plusDays(2 + lifetimeDays).isBefore(today) || dataDay.plusDays(2 + lifetimeDays).equals(today);
    }

    /**
     * Archives every live day partition whose date is finished and holds no ACTIVE envelope.
     *
     * @return the number of day partitions archived
     */
    synchronized int archiveFinished() throws SQLException {
        LocalDate today = runtime.today();
        int archived = 0;
        for (int d = 1; d <= 31; d++) {
            Optional<LocalDate> held = dataDayOf(d);
            if (held.isEmpty() || held.get().equals(today) || !finished(held.get(), today)) {
                continue;
            }
            if (hasActive(d)) {
                log.warn("SET {}: day partition {} ({}) still has ACTIVE envelopes; waiting for the sweeper",
                        runtime.set(), d, held.get());
                continue;
            }
            recycleInOwnTransaction(d, held.get());
            archived++;
        }
        try {
            runtime.inTransaction(c -> runtime.store().deleteSendRequestsBefore(c, runtime.now().minus(REQUEST_ID_RETENTION)));
        } catch (EnvelopeStore.StaleViewException e) {
            throw new IllegalStateException(e);
        }
        runtime.evictFinished();
        return archived;
    }

    private Optional<LocalDate> dataDayOf(int d) {
        return runtime.guardedWrite(() -> {
            try (Connection c = runtime.store().dataSource().getConnection()) {
                return runtime.store().dataDayOf(c, d);
            }
        });
    }

    private boolean hasActive(int d) {
        return runtime.guardedWrite(() -> {
            try (Connection c = runtime.store().dataSource().getConnection()) {
                return runtime.store().hasActive(c, d);
            }
        });
    }

    private void recycleInOwnTransaction(int d, LocalDate dataDay) throws SQLException {
        try {
            runtime.inTransaction(c -> {
                runtime.store().recycle(c, d, dataDay);
                return null;
            });
        } catch (EnvelopeStore.StaleViewException e) {
            throw new IllegalStateException(e);
        }
        log.info("SET {}: archived day partition {} holding {}", runtime.set(), d, dataDay);
    }
}

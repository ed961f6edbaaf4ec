package io.redset.probes.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.redset.probes.ProbeRun;
import io.redset.probes.StatusChange;
import io.redset.probes.StatusOverride;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves results, status changes and ended overrides from memory to the control database, so that no
 * probe or tick ever waits for that database.
 *
 * <p><b>Concurrency.</b> Any thread may {@link #enqueue} (a bounded queue; never blocks). One thread
 * at a time drains ({@link #drain}, under {@code drainLock}): the writer thread every 250 ms, or a
 * caller that needs the rows written now (housekeeping, tests, reads of the change history). A batch
 * that fails because the database is unreachable stays in {@code retry} for the next drain; results
 * beyond the queue's capacity are dropped and counted ({@code redset_probe_results_dropped_total}),
 * status changes are never dropped while they fit.
 */
public final class ResultWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ResultWriter.class);
    static final int CAPACITY = 50_000;
    private static final int BATCH = 1_000;

    private final ProbeStore store;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final ReentrantLock drainLock = new ReentrantLock();
    /** Items of a batch the database refused for being unreachable; guarded by drainLock. */
    private final Deque<Object> retry = new ArrayDeque<>();
    private final Counter dropped;
    private volatile boolean running;
    private Thread thread;
    private long lastFailureLog;

    public ResultWriter(ProbeStore store, MeterRegistry registry) {
        this.store = store;
        this.dropped = Counter.builder("redset.probe.results.dropped")
                .description("Probe results not stored because the control database was unreachable for too long")
                .register(registry);
    }

    public void enqueue(ProbeRun run) {
        if (!queue.offer(run)) {
            dropped.increment();
        }
    }

    public void enqueue(StatusChange change) {
        if (!queue.offer(change)) {
            log.error("status change not stored, the write queue is full: {}", change);
        }
    }

    public void enqueueEnded(StatusOverride override) {
        queue.offer(new EndedOverride(override));
    }

    private record EndedOverride(StatusOverride override) {
    }

    /** Writes everything queued so far; false when the database failed (the rows stay queued). */
    public boolean drain() {
        drainLock.lock();
        try {
            while (true) {
                List<Object> batch = new ArrayList<>(BATCH);
                while (batch.size() < BATCH && !retry.isEmpty()) {
                    batch.add(retry.pollFirst());
                }
                queue.drainTo(batch, BATCH - batch.size());
                if (batch.isEmpty()) {
                    return true;
                }
                if (!write(batch)) {
                    for (int i = batch.size() - 1; i >= 0; i--) {
                        retry.addFirst(batch.get(i));
                    }
                    // over capacity: drop the oldest results, keep the status changes
                    Iterator<Object> oldestFirst = retry.iterator();
                    while (retry.size() > CAPACITY && oldestFirst.hasNext()) {
                        if (oldestFirst.next() instanceof ProbeRun) {
                            oldestFirst.remove();
                            dropped.increment();
                        }
                    }
                    return false;
                }
            }
        } finally {
            drainLock.unlock();
        }
    }

    /** One transaction; on an error other than an outage, makes the missing partitions and tries once more. */
    private boolean write(List<Object> batch) {
        List<ProbeRun> runs = new ArrayList<>();
        List<StatusChange> changes = new ArrayList<>();
        List<StatusOverride> ended = new ArrayList<>();
        for (Object o : batch) {
            if (o instanceof ProbeRun r) {
                runs.add(r);
            } else if (o instanceof StatusChange c) {
                changes.add(c);
            } else if (o instanceof EndedOverride e) {
                ended.add(e.override());
            }
        }
        try {
            store.write(runs, changes, ended);
            return true;
        } catch (SQLException e) {
            if (isOutage(e)) {
                logFailure("control database unreachable, probe results are kept in memory: " + e.getMessage());
                return false;
            }
            // most likely a result whose day has no partition yet (clock jump, housekeeping late)
            TreeSet<LocalDate> days = new TreeSet<>();
            runs.forEach(r -> days.add(LocalDate.ofInstant(r.at(), store.zone())));
            if (!days.isEmpty()) {
                store.ensurePartitions(days.first(), days.last());
            }
            try {
                store.write(runs, changes, ended);
                return true;
            } catch (SQLException again) {
                if (isOutage(again)) {
                    return false;
                }
                log.error("dropping {} probe results and {} status changes the control database refused: {}",
                        runs.size(), changes.size(), again.getMessage());
                dropped.increment(runs.size());
                return true;
            }
        } catch (RuntimeException e) {
            logFailure("writing probe results failed: " + e);
            return false;
        }
    }

    private void logFailure(String message) {
        long now = System.nanoTime();
        if (now - lastFailureLog > TimeUnit.SECONDS.toNanos(30) || lastFailureLog == 0) {
            lastFailureLog = now;
            log.warn(message);
        }
    }

    static boolean isOutage(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state == null || state.startsWith("08") || state.startsWith("57") || state.startsWith("53")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Items waiting to be written. */
    public int backlog() {
        return queue.size() + retry.size();
    }

    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("redset-probes-writer").daemon().start(() -> {
            while (running) {
                try {
                    drain();
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("probe result writer: {}", e.toString());
                }
            }
        });
    }

    /** Stops the thread and writes what is left (best effort). */
    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            drain();
        } catch (RuntimeException e) {
            log.warn("probe results not written at shutdown: {}", e.toString());
        }
    }
}

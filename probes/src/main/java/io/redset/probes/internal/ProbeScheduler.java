package io.redset.probes.internal;

import io.redset.probes.Probe;
import io.redset.probes.ProbeContext;
import io.redset.probes.ProbeResult;
import io.redset.probes.ProbeRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Runs every probe once per interval, with jitter and a timeout, on a bounded pool of threads.
 *
 * <p><b>Concurrency.</b> One thread calls {@link #tick()} (the module's ticker every 100 ms, or a test
 * by hand after moving its clock). A tick only reads the clock, compares instants and hands runs to
 * the worker pool: it never waits for a probe, so a stuck database cannot stall the schedule.
 * Each probe has a {@link Slot}; its schedule fields are touched by the ticking thread only. A slot
 * has at most one {@link Run} in flight ({@code inFlight}): runs of one probe never overlap, so the
 * worker pool ({@code threads}, bounded) is never asked for more than one thread per probe, and a
 * stuck probe holds one thread at most.
 *
 * <p><b>Time.</b> Slot k of a probe starts at {@code start + k * interval}; its run is due at the
 * slot start plus a random jitter in [0, jitter). A run's deadline is its dispatch time plus its
 * timeout (at most the interval). A run past its deadline is reported FAILED by the tick that notices
 * it, and its thread is interrupted; if it still has not returned when its next slot is due, that
 * slot is reported FAILED ("still running") instead of starting a second run. A slot that comes due
 * while the previous run is still within its timeout waits for that run's end or deadline. So a dead target yields
 * one failed result per interval, and N failures take at most N x interval + jitter + timeout.
 *
 * <p><b>Exactly one report per run.</b> The worker (on completion) and the ticker (at the deadline)
 * race for {@link Run#reported}; the loser's result is dropped. Reports go to the sink, which must
 * not block (it updates memory and queues the database write).
 */
public final class ProbeScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);

    private final List<Slot> slots = new ArrayList<>();
    private final ExecutorService workers;
    private final Clock clock;
    private final Duration jitter;
    private final RandomGenerator random;
    private final Consumer<ProbeRun> sink;

    /**
     * @param probes  the probes to run; their intervals and timeouts are already resolved
     * @param threads size of the worker pool
     * @param sink    receives every result; called on a worker or the ticking thread, must not block
     */
    public ProbeScheduler(List<Probe> probes, int threads, Clock clock, Duration jitter, RandomGenerator random,
                          Consumer<ProbeRun> sink) {
        this.clock = clock;
        this.jitter = jitter;
        this.random = random;
        this.sink = sink;
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("redset-probe-", 1).daemon().factory());
        Instant start = clock.instant();
        for (Probe p : probes) {
            if (p.timeout().compareTo(p.interval()) > 0) {
                throw new IllegalArgumentException("probe " + p.id() + ": timeout " + p.timeout()
                        + " exceeds interval " + p.interval());
            }
            Slot s = new Slot(p, start);
            s.nextDue = start.plus(jitterSample(p.interval()));
            slots.add(s);
        }
    }

    /** Dispatches the runs that are due and reports the runs past their deadline. Never blocks. */
    public void tick() {
        Instant now = clock.instant();
        for (Slot s : slots) {
            Run running = s.inFlight.get();
            if (running != null && !now.isBefore(running.deadline)) {
                running.expire();
            }
            if (now.isBefore(s.nextDue)) {
                continue;
            }
            Run busy = s.inFlight.get();
            if (busy != null && !busy.timedOut) {
                // the previous run is within its timeout (jitter moved this slot closer) or just
                // returning: this slot waits for it instead of overlapping it
                if (busy.deadline.isAfter(s.nextDue)) {
                    s.nextDue = busy.deadline;
                }
                continue;
            }
            advance(s, now);
            if (busy != null) {
                // timed out earlier and still not returned: the target is stuck, say so every slot
                report(s, now, ProbeResult.failed(Duration.between(busy.startedAt, now),
                        "still running: the run started at " + busy.startedAt + " has not returned"));
                continue;
            }
            Run run = new Run(s, now);
            s.inFlight.set(run);
            try {
                workers.execute(run);
            } catch (RejectedExecutionException e) {
                s.inFlight.compareAndSet(run, null); // shutting down
            }
        }
    }

    /** Moves the slot to the first slot start after now and draws the next run's jitter. */
    private void advance(Slot s, Instant now) {
        do {
            s.slotStart = s.slotStart.plus(s.probe.interval());
        } while (!s.slotStart.isAfter(now));
        s.nextDue = s.slotStart.plus(jitterSample(s.probe.interval()));
    }

    private Duration jitterSample(Duration interval) {
        long bound = Math.min(jitter.toNanos(), interval.toNanos() - 1);
        return bound <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(bound));
    }

    /** When each probe's next run is due (for tests and the console). */
    public List<Instant> nextDue() {
        return slots.stream().map(s -> s.nextDue).toList();
    }

    /** Number of runs started and not yet returned. */
    public int inFlight() {
        return (int) slots.stream().filter(s -> s.inFlight.get() != null).count();
    }

    private void report(Slot slot, Instant at, ProbeResult result) {
        try {
            sink.accept(new ProbeRun(slot.probe.id(), at, result));
        } catch (RuntimeException e) {
            log.error("recording the result of probe {} failed", slot.probe.id(), e);
        }
    }

    /** Stops the workers (interrupting runs in flight) and closes the probes. */
    @Override
    public void close() {
        workers.shutdownNow();
        for (Slot s : slots) {
            try {
                s.probe.close();
            } catch (RuntimeException e) {
                log.warn("closing probe {} failed: {}", s.probe.id(), e.toString());
            }
        }
    }

    /** One probe's place in the schedule. */
    private static final class Slot {
        final Probe probe;
        final AtomicReference<Run> inFlight = new AtomicReference<>();
        /** Start of the current slot; ticking thread only. */
        Instant slotStart;
        /** When the next run is due; ticking thread only. */
        Instant nextDue;

        Slot(Probe probe, Instant start) {
            this.probe = probe;
            this.slotStart = start;
        }
    }

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int EXPIRED_QUEUED = 2;

    /** One run of one probe, from dispatch to its single report. */
    private final class Run implements Runnable {
        final Slot slot;
        final Instant startedAt;
        final Instant deadline;
        final AtomicInteger state = new AtomicInteger(QUEUED);
        final AtomicBoolean reported = new AtomicBoolean();
        /** Set by the ticker when it reported this run as timed out. */
        volatile boolean timedOut;
        /** The worker thread while running; guarded by this run's monitor so an interrupt never leaks to a later task. */
        private Thread worker;

        Run(Slot slot, Instant startedAt) {
            this.slot = slot;
            this.startedAt = startedAt;
            this.deadline = startedAt.plus(slot.probe.timeout());
        }

        @Override
        public void run() {
            if (!state.compareAndSet(QUEUED, RUNNING)) {
                return; // expired while waiting for a thread: already reported and released
            }
            Thread.interrupted(); // a stale interrupt must not fail this run
            synchronized (this) {
                worker = Thread.currentThread();
            }
            long t0 = System.nanoTime();
            ProbeResult result;
            try {
                result = slot.probe.run(new ProbeContext(startedAt, slot.probe.timeout(), clock));
                if (result == null) {
                    result = ProbeResult.failed(null, "the probe returned no result");
                }
            } catch (InterruptedException e) {
                result = ProbeResult.failed(null, "interrupted");
            } catch (Throwable e) {
                result = ProbeResult.failed(null, describe(e));
            } finally {
                synchronized (this) {
                    worker = null;
                }
                Thread.interrupted();
            }
            result = result.withLatencyIfAbsent(Duration.ofNanos(System.nanoTime() - t0));
            if (reported.compareAndSet(false, true)) {
                report(slot, startedAt, result);
            } else {
                log.debug("probe {} returned after its timeout: {}", slot.probe.id(), result);
            }
            slot.inFlight.compareAndSet(this, null);
        }

        /** The deadline passed: report a timeout once, free the slot if the run never started. */
        void expire() {
            if (!reported.compareAndSet(false, true)) {
                return;
            }
            timedOut = true;
            Duration timeout = slot.probe.timeout();
            if (state.compareAndSet(QUEUED, EXPIRED_QUEUED)) {
                report(slot, startedAt, ProbeResult.failed(timeout,
                        "not started within its timeout of " + timeout + ": every probe thread was busy"));
                slot.inFlight.compareAndSet(this, null);
                return;
            }
            report(slot, startedAt, ProbeResult.failed(timeout, "no answer within the timeout of " + timeout));
            synchronized (this) {
                if (worker != null) {
                    worker.interrupt();
                }
            }
        }
    }

    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            b.append(": ").append(e.getMessage());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null) {
            b.append(" (").append(root.getClass().getSimpleName()).append(": ").append(root.getMessage()).append(')');
        }
        return b.toString();
    }
}

package io.redset.engine.internal;

import io.redset.engine.ClaimAnswer;
import io.redset.engine.ClaimOutcome;
import io.redset.engine.EnvelopeStatus;
import io.redset.engine.Fen;
import io.redset.engine.RejectedException;
import io.redset.engine.SetId;
import io.redset.engine.internal.EnvelopeStore.ClaimRow;
import io.redset.engine.internal.EnvelopeStore.EnvelopeBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One lane of a SET: a single worker thread that owns the envelopes hashed to it.
 *
 * <p>Work arrives as envelopes with queued claims (each envelope is in the ready queue at most once,
 * see {@link EnvelopeState#admit}) and as expiry tasks. The worker takes up to
 * {@code batchSize} claims from the ready envelopes, each envelope's in arrival order, draws their
 * shares from its own view of the committed state, and writes them all in ONE transaction
 * (a conditional update per envelope, one insert for claims and ledger rows). Only after the commit
 * does it publish the new state and answer the callers. If the database says the view was stale,
 * the lane reloads the envelopes and redoes the batch; if the database fails, the claims are
 * answered "unavailable" (never acknowledged) and the envelopes are reloaded before their next use.
 * Expiry refunds run on the same thread, so a refund never races a claim of the same envelope.
 *
 * <p>Why this design, and what else was weighed: {@code docs/decisions/0002-lanes-and-batches.md}.
 */
final class Lane implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Lane.class);

    record ExpireTask(EnvelopeState state, CompletableFuture<Long> refunded) {
    }

    private final SetRuntime runtime;
    private final int index;
    private final LinkedBlockingQueue<Object> ready = new LinkedBlockingQueue<>();
    private final SplittableRandom random = new SplittableRandom();
    private final Thread thread;
    private volatile boolean running = true;

    Lane(SetRuntime runtime, int index) {
        this.runtime = runtime;
        this.index = index;
        this.thread = Thread.ofPlatform().name("redset-set-" + runtime.set().tag() + "-lane-" + index).daemon().unstarted(this);
    }

    void start() {
        thread.start();
    }

    SetId set() {
        return runtime.set();
    }

    /** Hands an envelope with newly queued claims to this lane (see EnvelopeState#admit). */
    void schedule(EnvelopeState state) {
        ready.add(state);
        if (!running) {
            failLeftovers(); // the lane stopped meanwhile: nobody would answer these claims
        }
    }

    CompletableFuture<Long> expire(EnvelopeState state) {
        ExpireTask task = new ExpireTask(state, new CompletableFuture<>());
        ready.add(task);
        return task.refunded();
    }

    /** Stops after the batch in hand; claims still queued are answered unavailable. */
    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failLeftovers();
    }

    private void failLeftovers() {
        List<Object> left = new ArrayList<>();
        ready.drainTo(left);
        for (Object o : left) {
            if (o instanceof EnvelopeState s) {
                for (PendingClaim p : s.abandon(runtime.pendingCounter())) {
                    p.answer.completeExceptionally(runtime.shuttingDown());
                }
            } else if (o instanceof ExpireTask t) {
                t.refunded().completeExceptionally(runtime.shuttingDown());
            }
        }
    }

    @Override
    public void run() {
        List<Object> work = new ArrayList<>();
        while (running) {
            try {
                Object first = ready.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                work.clear();
                work.add(first);
                ready.drainTo(work, runtime.limits().batchSize() - 1);
                process(work);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                // never let the worker die: the lane would silently stop answering its envelopes
                log.error("lane {} of SET {} failed a batch", index, runtime.set(), e);
            }
        }
    }

    private void process(List<Object> work) {
        List<EnvelopeState> envelopes = new ArrayList<>();
        List<ExpireTask> expiries = new ArrayList<>();
        for (Object o : work) {
            if (o instanceof EnvelopeState s) {
                envelopes.add(s);
            } else {
                expiries.add((ExpireTask) o);
            }
        }
        if (!expiries.isEmpty()) {
            runExpiries(expiries);
        }
        if (!envelopes.isEmpty()) {
            runClaims(envelopes);
        }
    }

    // ------------------------------------------------------------------ claims

    /** Claims of one envelope taken into the current batch, with the answers they will get. */
    private static final class Part {
        final EnvelopeState state;
        final List<PendingClaim> taken;
        final Map<PendingClaim, ClaimAnswer> answers = new HashMap<>();
        final Map<String, ClaimAnswer> committed = new HashMap<>();
        final List<ClaimRow> rows = new ArrayList<>();
        long fenAfter;
        int countAfter;
        /** Answered and finished (by publish or failParts). */
        boolean published;

        Part(EnvelopeState state, List<PendingClaim> taken) {
            this.state = state;
            this.taken = taken;
        }
    }

    private void runClaims(List<EnvelopeState> envelopes) {
        List<Part> parts = new ArrayList<>();
        try {
            runClaims(envelopes, parts);
        } catch (RuntimeException | Error e) {
            // an unexpected failure must not leave claims unanswered or envelopes marked scheduled
            log.error("lane {} of SET {} failed a batch; its claims are answered unavailable", index, runtime.set(), e);
            failParts(parts.stream().filter(p -> !p.published).toList(), e instanceof Exception ex ? ex : new IllegalStateException(e));
            for (EnvelopeState s : envelopes) {
                if (parts.stream().noneMatch(p -> p.state == s)) {
                    ready.add(s);
                }
            }
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    private void runClaims(List<EnvelopeState> envelopes, List<Part> parts) {
        int budget = runtime.limits().batchSize();
        for (EnvelopeState s : envelopes) {
            List<PendingClaim> taken = s.drain(Math.max(1, budget));
            budget -= taken.size();
            parts.add(new Part(s, taken));
        }
        Instant now = runtime.now();
        for (Part part : parts) {
            if (part.state.stale) {
                refresh(part.state);
            }
            plan(part, now);
        }
        List<Part> writing = parts.stream().filter(p -> !p.rows.isEmpty()).toList();
        if (!writing.isEmpty()) {
            try {
                write(writing, now);
            } catch (EnvelopeStore.StaleViewException e) {
                // Another writer changed these envelopes (or a commit of ours whose answer was lost did).
                // Reload and redo once, each envelope on its own; the database stays the arbiter.
                log.warn("lane {} of SET {}: {}; reloading and retrying", index, runtime.set(), e.getMessage());
                for (Part p : writing) {
                    retryAlone(p, now);
                }
                writing = List.of();
            } catch (SQLException | RuntimeException e) {
                failParts(writing, e);
                writing = List.of();
            }
        }
        for (Part part : parts) {
            publish(part, writing.contains(part));
        }
    }

    /** Draws the shares of one envelope's taken claims from the lane's view of its committed state. */
    private void plan(Part part, Instant now) {
        EnvelopeState s = part.state;
        part.answers.clear();
        part.committed.clear();
        part.rows.clear();
        long fen = s.remainingFen;
        int left = s.remainingCount;
        boolean expired = s.isExpiredAt(now);
        for (PendingClaim p : part.taken) {
            ClaimAnswer first = s.claimed.get(p.userId);
            if (first != null) {
                part.answers.put(p, first.asRepeat());
            } else if (s.status == EnvelopeStatus.EXPIRED || expired) {
                part.answers.put(p, ClaimAnswer.of(ClaimOutcome.EXPIRED));
            } else if (left == 0) {
                part.answers.put(p, ClaimAnswer.of(ClaimOutcome.SOLD_OUT));
            } else {
                long share = ShareSplitter.nextShare(s.mode, fen, left, random);
                int seq = s.count - left + 1;
                fen = Fen.minus(fen, share);
                left -= 1;
                ClaimAnswer a = ClaimAnswer.claimed(share, seq);
                part.answers.put(p, a);
                part.committed.put(p.userId, a);
                part.rows.add(new ClaimRow(p.userId, share, seq, p.arrival));
            }
        }
        part.fenAfter = fen;
        part.countAfter = left;
    }

    private void write(List<Part> parts, Instant now) throws SQLException, EnvelopeStore.StaleViewException {
        List<EnvelopeBatch> batch = new ArrayList<>(parts.size());
        int claims = 0;
        for (Part p : parts) {
            EnvelopeState s = p.state;
            batch.add(new EnvelopeBatch(s.id, s.remainingFen, s.remainingCount, p.fenAfter, p.countAfter,
                    p.countAfter == 0 ? EnvelopeStatus.SOLD_OUT : EnvelopeStatus.ACTIVE, p.rows));
            claims += p.rows.size();
        }
        runtime.inTransaction(c -> {
            runtime.store().applyClaims(c, batch, now);
            return null;
        });
        runtime.metrics().batch(runtime.set(), claims);
    }

    private void retryAlone(Part part, Instant now) {
        refresh(part.state);
        plan(part, now);
        if (part.rows.isEmpty()) {
            publish(part, false);
            return;
        }
        try {
            write(List.of(part), now);
            publish(part, true);
        } catch (Exception e) {
            failParts(List.of(part), e);
            publish(part, false);
        }
    }

    /** Publishes the outcome of one envelope's part and answers its callers. */
    private void publish(Part part, boolean committed) {
        EnvelopeState s = part.state;
        if (part.published) {
            return; // already answered by retryAlone or failParts
        }
        part.published = true;
        boolean more;
        if (committed) {
            more = s.finish(part.taken, part.committed, part.fenAfter, part.countAfter,
                    part.countAfter == 0 ? EnvelopeStatus.SOLD_OUT : s.status, runtime.pendingCounter());
            runtime.moneyClaimed(s, part.committed.values());
        } else {
            more = s.finish(part.taken, Map.of(), s.remainingFen, s.remainingCount, s.status, runtime.pendingCounter());
        }
        for (PendingClaim p : part.taken) {
            ClaimAnswer a = part.answers.get(p);
            if (a != null) {
                p.answer.complete(a);
            }
        }
        part.answers.clear();
        if (more) {
            ready.add(s);
        }
    }

    private void failParts(List<Part> parts, Exception e) {
        RejectedException unavailable = runtime.guards().unavailable(e);
        if (!SetGuards.isDatabaseOutage(e)) {
            log.error("lane {} of SET {} could not write a batch", index, runtime.set(), e);
        }
        for (Part p : parts) {
            // the commit may or may not have happened: reload before this envelope is used again
            p.published = true;
            p.state.stale = true;
            boolean more = p.state.finish(p.taken, Map.of(), p.state.remainingFen, p.state.remainingCount, p.state.status,
                    runtime.pendingCounter());
            for (PendingClaim c : p.taken) {
                c.answer.completeExceptionally(unavailable);
            }
            p.answers.clear();
            if (more) {
                ready.add(p.state);
            }
        }
    }

    private void refresh(EnvelopeState s) {
        try {
            EnvelopeStore.Committed c = runtime.guardedWrite(() -> runtime.store().committed(s.id));
            s.refresh(c);
        } catch (RuntimeException e) {
            log.debug("lane {} of SET {} could not reload {}", index, runtime.set(), s.id, e);
        }
    }

    // ------------------------------------------------------------------ expiry

    private void runExpiries(List<ExpireTask> tasks) {
        Instant now = runtime.now();
        for (ExpireTask t : tasks) {
            EnvelopeState s = t.state();
            if (s.stale) {
                refresh(s);
            }
            if (s.status != EnvelopeStatus.ACTIVE || now.isBefore(s.expiresAt)) {
                t.refunded().complete(-1L);
                continue;
            }
            try {
                long refunded = runtime.inTransaction(c -> runtime.store().expire(c, s.id, now));
                if (refunded >= 0) {
                    s.expired(refunded);
                    runtime.moneyRefunded(s, refunded);
                } else {
                    s.stale = true; // someone else expired it: reload before next use
                }
                t.refunded().complete(refunded);
            } catch (Exception e) {
                s.stale = true;
                t.refunded().completeExceptionally(e);
            }
        }
    }

    int backlog() {
        return ready.size();
    }

    boolean onLaneThread() {
        return Thread.currentThread() == thread;
    }

}

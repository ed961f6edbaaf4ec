package io.redset.engine.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.redset.engine.EngineConfig;
import io.redset.engine.EnvelopeDetails;
import io.redset.engine.EnvelopeId;
import io.redset.engine.EnvelopeStatus;
import io.redset.engine.IdempotencyConflictException;
import io.redset.engine.RejectedException;
import io.redset.engine.RejectedException.Reason;
import io.redset.engine.SendCommand;
import io.redset.engine.SendReceipt;
import io.redset.engine.SetId;
import io.redset.engine.SetMode;
import io.redset.engine.internal.EngineMetrics.Outcome;
import io.redset.engine.internal.SetGuards.Operation;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A send, booked once however often it is retried: the envelope goes to the first owned SET in
 * the sender's order (home SET first) that is ready, takes sends in its mode and whose circuit is
 * not open; a send with a {@code requestId} that was booked before answers the first envelope
 * (the same parameters) or 409 (other parameters). Within a SET, the requestId row and the
 * envelope row are written in one transaction, so two concurrent sends with one requestId book
 * one envelope and both answer it.
 *
 * <p>Concurrency: stateless; many request threads send at once. The database decides between
 * concurrent sends with one requestId (unique key); the SET's sequence issues the ids.
 */
final class IdempotentSend {

    private final EngineConfig config;
    private final EngineInput input;
    private final SetDirectory sets;
    private final EngineMetrics metrics;

    IdempotentSend(EngineConfig config, EngineInput input, SetDirectory sets, EngineMetrics metrics) {
        this.config = config;
        this.input = input;
        this.sets = sets;
        this.metrics = metrics;
    }

    /** @param allowedSets the SETs the caller may use, or null for any */
    SendReceipt send(SendCommand command, Set<SetId> allowedSets) {
        MeteredCall call = new MeteredCall(metrics, "send").probe(command.probe());
        try {
            input.send(command);
            sets.requireOpen(null);
            List<SetRuntime> order = sets.preferenceOrder(command.senderId());
            SetRuntime chosen = choose(order, allowedSets);
            call.servedBy(chosen);
            if (command.requestId() != null) {
                Optional<SendReceipt> replay = findReplay(command, order, chosen);
                if (replay.isPresent()) {
                    return call.servedBy(sets.owned(replay.get().set())).succeeded(replay.get(), Outcome.SUCCESS);
                }
            }
            chosen.guards().acquire(Operation.SEND);
            SendReceipt receipt = insert(chosen, command);
            call.succeeded(receipt, Outcome.SUCCESS);
            if (!command.probe() && !receipt.replayed()) {
                metrics.money(chosen.set(), "sent", receipt.totalFen());
            }
            return receipt;
        } catch (RuntimeException e) {
            throw call.failed(e);
        }
    }

    private static SetRuntime choose(List<SetRuntime> order, Set<SetId> allowedSets) {
        for (SetRuntime rt : order) {
            if ((allowedSets == null || allowedSets.contains(rt.set()))
                    && rt.ready() && rt.mode().mode().allowsSend() && !circuitOpen(rt)) {
                return rt;
            }
        }
        throw new RejectedException(Reason.SET_UNAVAILABLE, null, allowedSets == null
                ? "no SET of this node accepts sends right now"
                : "no SET of this node that the caller may use (" + allowedSets + ") accepts sends right now",
                Duration.ofSeconds(5));
    }

    private static boolean circuitOpen(SetRuntime rt) {
        CircuitBreaker.State state = rt.guards().circuitBreaker().getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    /**
     * A repeated requestId lives in the SET that took the first send, which may be any owned SET
     * (the home SET may have been paused or down then). Every readable SET is asked. If a SET that
     * could hold it cannot be read (the home SET, or one before the chosen SET in the sender's
     * order), the send is refused rather than risk booking the same send twice.
     */
    private Optional<SendReceipt> findReplay(SendCommand command, List<SetRuntime> order, SetRuntime chosen) {
        boolean beforeChosen = true;
        for (SetRuntime rt : order) {
            boolean readable = rt.ready() && rt.mode().mode() != SetMode.OFFLINE && !circuitOpen(rt);
            if (readable) {
                Optional<EnvelopeId> first = rt.guardedWrite(() -> rt.store().findRequest(command.senderId(), command.requestId()));
                if (first.isPresent()) {
                    return Optional.of(replay(rt, command, first.get()));
                }
            } else if (beforeChosen) {
                throw new RejectedException(Reason.SET_UNAVAILABLE, rt.set(), "cannot tell whether requestId "
                        + command.requestId() + " was already sent while SET " + rt.set() + " is unavailable; retry later",
                        Duration.ofSeconds(5));
            }
            if (rt == chosen) {
                beforeChosen = false;
            }
        }
        return Optional.empty();
    }

    private static SendReceipt replay(SetRuntime rt, SendCommand command, EnvelopeId first) {
        EnvelopeDetails d = rt.guardedWrite(() -> rt.store().details(first))
                .orElseThrow(() -> new IdempotencyConflictException(first));
        if (d.totalFen() != command.totalFen() || d.count() != command.count() || d.mode() != command.mode()) {
            throw new IdempotencyConflictException(first);
        }
        return new SendReceipt(first, rt.set(), d.totalFen(), d.count(), d.mode(), d.expiresAt(), true);
    }

    private SendReceipt insert(SetRuntime rt, SendCommand command) {
        Instant now = rt.now();
        LocalDate today = LocalDate.ofInstant(now, config.zone());
        Instant expiresAt = now.plus(config.envelopeLifetime());
        try {
            // not inside guardedWrite: ensureReady takes its own bulkhead permits for each query
            rt.days().ensureReady(today);
        } catch (SQLException e) {
            throw SetGuards.isDatabaseOutage(e) ? rt.guards().unavailable(e) : new IllegalStateException(e);
        }
        EnvelopeId id = rt.guardedWrite(() -> {
            try (Connection c = rt.store().transaction()) {
                try {
                    EnvelopeId newId = EnvelopeId.of(today, rt.set(), rt.store().nextSequence(c));
                    rt.sequenceIssued(newId.sequence());
                    if (command.requestId() != null
                            && !rt.store().claimRequestId(c, command.senderId(), command.requestId(), newId, now)) {
                        c.rollback();
                        return null; // a concurrent send with the same requestId won
                    }
                    rt.store().insertEnvelope(c, newId, command.senderId(), command.mode(), command.totalFen(),
                            command.count(), command.greeting(), command.probe(), now, expiresAt);
                    c.commit();
                    return newId;
                } catch (Exception e) {
                    c.rollback();
                    throw e;
                }
            }
        });
        if (id == null) {
            EnvelopeId first = rt.guardedWrite(() -> rt.store().findRequest(command.senderId(), command.requestId()))
                    .orElseThrow(() -> new IllegalStateException("requestId vanished"));
            return replay(rt, command, first);
        }
        rt.remember(new EnvelopeState(id, command.senderId(), command.mode(), command.totalFen(), command.count(), now,
                expiresAt, command.probe(), command.totalFen(), command.count(), 0, EnvelopeStatus.ACTIVE));
        return new SendReceipt(id, rt.set(), command.totalFen(), command.count(), command.mode(), expiresAt, false);
    }
}

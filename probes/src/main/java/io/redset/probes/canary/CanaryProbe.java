package io.redset.probes.canary;

import io.redset.engine.ClaimAnswer;
import io.redset.engine.ClaimEngine;
import io.redset.engine.ClaimOutcome;
import io.redset.engine.EnvelopeDetails;
import io.redset.engine.EnvelopeId;
import io.redset.engine.EnvelopeNotFoundException;
import io.redset.engine.EnvelopeStatus;
import io.redset.engine.GrabAnswer;
import io.redset.engine.RejectedException;
import io.redset.engine.SendCommand;
import io.redset.engine.Traffic;
import io.redset.engine.SendReceipt;
import io.redset.engine.SetId;
import io.redset.engine.SetMode;
import io.redset.engine.SplitMode;
import io.redset.probes.ProbeContext;
import io.redset.probes.ProbeResult;
import io.redset.probes.ProbeType;
import io.redset.probes.SetProbe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A user's whole path through one SET, with probe money: send a tiny LUCKY envelope (flagged
 * {@code probe}, so the engine counts it under {@code redset_probe_requests_total} and keeps it out
 * of the money counters), grab it, claim two shares with two probe users, repeat one claim (must
 * answer ALREADY_CLAIMED with the same share), read the details and check the sums: claims +
 * remaining = total, remaining count = shares - 2, no refund yet.
 *
 * <p>Refunds: the unclaimed share of a canary envelope goes back at expiry. The probe keeps a few of
 * its envelopes (one per lifetime / 16 at most) and, once one is past its expiry plus the grace,
 * checks that it is EXPIRED with refund = remainder; a missing refund fails the run.
 *
 * <p>Mode: a SET that takes no sends or claims (SEND_PAUSED, READ_ONLY, OFFLINE) is SKIPPED; in
 * DEGRADED the details step is left out (details are refused there). Rate limits, a full bulkhead or
 * a busy envelope mean a loaded SET: DEGRADED. Anything else that goes wrong is FAILED.
 */
final class CanaryProbe extends SetProbe {

    static final String USER_A = "redset-canary-user-a";
    static final String USER_B = "redset-canary-user-b";
    private static final int TRACKED = 64;

    private final Clock clock;
    private final CanaryProbeConfig config;
    private final String sender;
    /** Confined to run(): the scheduler never runs two runs of one probe at once. */
    private final Deque<Tracked> awaitingRefund = new ArrayDeque<>();
    private Instant lastTracked;

    private record Tracked(EnvelopeId id, Instant expiresAt) {
    }

    CanaryProbe(SetId set, ClaimEngine engine, Clock clock, CanaryProbeConfig config, Duration interval, Duration timeout) {
        super(ProbeType.CANARY, set, engine, interval, timeout);
        this.clock = clock;
        this.config = config;
        this.sender = CanarySenders.senderFor(set, engine);
    }

    String sender() {
        return sender;
    }

    @Override
    public ProbeResult run(ProbeContext context) {
        long t0 = System.nanoTime();
        SetMode mode = engine.mode(set);
        try {
            String refunds = mode.allowsDetails() ? checkRefunds() : "";
            if (!mode.allowsSend() || !mode.allowsClaim()) {
                return ProbeResult.skipped("mode " + mode + " takes no canary sends" + refunds);
            }
            String round = round(mode);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            if (took.compareTo(config.slowThreshold()) > 0) {
                return ProbeResult.degraded(took, round + refunds + "; took " + took.toMillis() + " ms, above "
                        + config.slowThreshold().toMillis() + " ms");
            }
            return ProbeResult.ok(took, round + refunds);
        } catch (CanaryFailure e) {
            return ProbeResult.failed(Duration.ofNanos(System.nanoTime() - t0), e.getMessage());
        } catch (RejectedException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            return switch (e.reason()) {
                case MODE -> ProbeResult.skipped("the SET's mode refused the canary: " + e.getMessage());
                case RATE_LIMITED, BULKHEAD_FULL, BUSY -> ProbeResult.degraded(took, "refused under load ("
                        + e.reason() + "): " + e.getMessage());
                default -> ProbeResult.failed(took, e.reason() + ": " + e.getMessage());
            };
        }
    }

    /** Send, grab, two claims, a repeated claim, details; returns what was checked. */
    private String round(SetMode mode) {
        SendReceipt receipt = engine.send(new SendCommand(sender, config.totalFen(), config.shares(), SplitMode.LUCKY,
                "canary", null, true));
        if (!receipt.set().equals(set)) {
            throw new CanaryFailure("SET " + set + " did not take the canary send, it went to SET " + receipt.set());
        }
        EnvelopeId id = receipt.envelopeId();
        GrabAnswer grab = engine.grab(id, USER_A, Traffic.PROBE);
        if (!grab.canOpen()) {
            throw new CanaryFailure("grab of new envelope " + id + " answered " + grab.reason());
        }
        ClaimAnswer a = engine.claim(id, USER_A, Traffic.PROBE);
        ClaimAnswer b = engine.claim(id, USER_B, Traffic.PROBE);
        for (ClaimAnswer c : List.of(a, b)) {
            if (c.outcome() != ClaimOutcome.CLAIMED || c.amountFen() == null || c.amountFen() < 1) {
                throw new CanaryFailure("claim on envelope " + id + " answered " + c);
            }
        }
        ClaimAnswer again = engine.claim(id, USER_A, Traffic.PROBE);
        if (!again.equals(a.asRepeat())) {
            throw new CanaryFailure("repeated claim on envelope " + id + " answered " + again + ", expected " + a.asRepeat());
        }
        String checked = "envelope " + id + ": sent " + config.totalFen() + " fen, claimed " + a.amountFen() + " + "
                + b.amountFen() + " fen";
        if (mode.allowsDetails()) {
            EnvelopeDetails d = engine.details(id, Traffic.PROBE);
            long claimed = d.claims().stream().mapToLong(EnvelopeDetails.ClaimLine::amountFen).sum();
            if (d.claims().size() != 2 || claimed != a.amountFen() + b.amountFen()
                    || claimed + d.remainingFen() != d.totalFen() || d.totalFen() != config.totalFen()
                    || d.remainingCount() != config.shares() - 2 || d.refundedFen() != 0
                    || d.status() != EnvelopeStatus.ACTIVE) {
                throw new CanaryFailure("details of envelope " + id + " do not add up: total " + d.totalFen()
                        + ", claims " + d.claims().size() + " summing to " + claimed + ", remaining " + d.remainingFen()
                        + " fen in " + d.remainingCount() + " shares, refunded " + d.refundedFen() + ", " + d.status());
            }
            checked += ", details add up";
        }
        track(id, receipt.expiresAt());
        return checked;
    }

    /** Keeps one envelope per lifetime / 16 for the refund check. */
    private void track(EnvelopeId id, Instant expiresAt) {
        Instant now = clock.instant();
        Duration every = engine.config().envelopeLifetime().dividedBy(16);
        if (every.compareTo(interval()) < 0) {
            every = interval();
        }
        if (lastTracked == null || !now.isBefore(lastTracked.plus(every))) {
            awaitingRefund.addLast(new Tracked(id, expiresAt));
            lastTracked = now;
            while (awaitingRefund.size() > TRACKED) {
                awaitingRefund.pollFirst();
            }
        }
    }

    /** Checks the refund of every tracked envelope past its expiry plus the grace. */
    private String checkRefunds() {
        Instant now = clock.instant();
        int checked = 0;
        while (!awaitingRefund.isEmpty() && !now.isBefore(awaitingRefund.peekFirst().expiresAt().plus(config.refundGrace()))) {
            Tracked t = awaitingRefund.peekFirst();
            EnvelopeDetails d;
            try {
                d = engine.details(t.id(), Traffic.PROBE);
            } catch (EnvelopeNotFoundException e) {
                awaitingRefund.pollFirst();
                throw new CanaryFailure("canary envelope " + t.id() + " has disappeared");
            }
            awaitingRefund.pollFirst();
            if (d.status() != EnvelopeStatus.EXPIRED || d.refundedFen() != d.remainingFen()) {
                throw new CanaryFailure("canary envelope " + t.id() + " expired at " + t.expiresAt() + " but is "
                        + d.status() + " with " + d.remainingFen() + " fen remaining and " + d.refundedFen()
                        + " fen refunded after the grace of " + config.refundGrace());
            }
            checked++;
        }
        return checked == 0 ? "" : "; refund of " + checked + " expired canary envelope(s) verified";
    }

    /** A check of the canary that did not hold. */
    private static final class CanaryFailure extends RuntimeException {
        CanaryFailure(String message) {
            super(message, null, false, false);
        }
    }
}

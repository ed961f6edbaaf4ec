package io.redset.probes;

import java.time.Duration;
import java.util.Objects;

/**
 * What one probe run found.
 *
 * @param latency what the probe measured (round trip, request time); null to use the run's duration
 * @param message short human text: what was checked, or what went wrong (stored, at most 500 characters)
 */
public record ProbeResult(ProbeOutcome outcome, Duration latency, String message) {

    public static final int MAX_MESSAGE = 500;

    public ProbeResult {
        Objects.requireNonNull(outcome, "outcome");
        message = message == null ? "" : message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
        if (latency != null && latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + latency);
        }
    }

    public static ProbeResult ok(Duration latency, String message) {
        return new ProbeResult(ProbeOutcome.OK, latency, message);
    }

    public static ProbeResult degraded(Duration latency, String message) {
        return new ProbeResult(ProbeOutcome.DEGRADED, latency, message);
    }

    public static ProbeResult failed(Duration latency, String message) {
        return new ProbeResult(ProbeOutcome.FAILED, latency, message);
    }

    public static ProbeResult critical(Duration latency, String message) {
        return new ProbeResult(ProbeOutcome.CRITICAL, latency, message);
    }

    public static ProbeResult skipped(String message) {
        return new ProbeResult(ProbeOutcome.SKIPPED, null, message);
    }

    /** This result with the latency set when the probe left it open. */
    public ProbeResult withLatencyIfAbsent(Duration measured) {
        return latency != null ? this : new ProbeResult(outcome, measured, message);
    }
}

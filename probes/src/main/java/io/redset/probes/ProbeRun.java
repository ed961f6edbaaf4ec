package io.redset.probes;

import java.time.Instant;
import java.util.Objects;

/** One finished probe run: which probe, when it started, what it found. Stored as a raw result. */
public record ProbeRun(ProbeId probe, Instant at, ProbeResult result) {

    public ProbeRun {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(result, "result");
    }

    public ProbeOutcome outcome() {
        return result.outcome();
    }
}

package io.redset.probes;

import java.time.Duration;

/**
 * One probe: checks one thing about one component, every {@link #interval()}, within
 * {@link #timeout()}. The scheduler never runs two runs of the same probe at once, so an
 * implementation may keep state between runs without locking (it is still read by one thread and
 * written by another across runs: keep such fields confined to {@link #run}).
 *
 * <p>Throwing is a {@link ProbeOutcome#FAILED} result with the exception's message.
 */
public interface Probe {

    ComponentId component();

    ProbeType type();

    Duration interval();

    /** At most {@link #interval()}: a run never overlaps the next one. */
    Duration timeout();

    ProbeResult run(ProbeContext context) throws Exception;

    default ProbeId id() {
        return new ProbeId(component(), type());
    }

    /** Releases what the probe holds (an HTTP client); called once when the probes stop. */
    default void close() {
    }
}

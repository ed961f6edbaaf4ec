package io.redset.probes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What a probe run knows about itself. A probe should bound its own waits by {@link #remaining()};
 * the scheduler records a timeout at the deadline in any case and interrupts the run.
 */
public record ProbeContext(Instant startedAt, Duration timeout, Clock clock) {

    public Instant deadline() {
        return startedAt.plus(timeout);
    }

    /** Time left until the deadline, at least 1 ms. */
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), deadline());
        return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }
}

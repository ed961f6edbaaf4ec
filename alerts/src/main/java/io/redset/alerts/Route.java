package io.redset.alerts;

import java.time.Duration;
import java.util.List;

/**
 * Sends the alerts whose labels match every matcher to a receiver, again every {@code repeatInterval}
 * while they fire unacknowledged. Every matching route applies (a receiver is notified once).
 */
public record Route(String receiver, List<LabelMatcher> matchers, Duration repeatInterval) {

    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

    public Route {
        if (receiver == null || receiver.isBlank()) {
            throw new IllegalArgumentException("routes: receiver is required");
        }
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
        repeatInterval = repeatInterval == null ? DEFAULT_REPEAT_INTERVAL : repeatInterval;
        if (repeatInterval.isNegative() || repeatInterval.isZero()) {
            throw new IllegalArgumentException("routes[" + receiver + "].repeat-interval must be positive, was " + repeatInterval);
        }
    }
}

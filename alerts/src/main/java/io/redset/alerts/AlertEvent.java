package io.redset.alerts;

import java.time.Instant;

/** One entry of an alert's history: fired, acknowledged, silenced, resolved... by whom, with what detail. Immutable. */
public record AlertEvent(long alertId, Instant at, String event, String actor, String detail) {
}

package io.redset.alerts;

import java.time.Instant;

/** An alert rule as stored, with who changed it last and when. Immutable. */
public record SavedRule(AlertRule rule, String updatedBy, Instant updatedAt) {
}

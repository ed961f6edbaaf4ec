package io.redset.engine;

import java.time.Instant;

/** One switch of a SET's degradation mode, kept for the audit trail. */
public record ModeChange(SetId set, SetMode mode, String reason, String actor, Instant at) {
}

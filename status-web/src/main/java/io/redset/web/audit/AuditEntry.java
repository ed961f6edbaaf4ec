package io.redset.web.audit;

import java.time.Instant;

/**
 * One row of the audit trail.
 *
 * @param action what changed, dotted and lower case: {@code set.mode}, {@code user.role}, {@code silence.create}
 * @param target what it changed: {@code SET 03}, a user name, an alert or silence id
 * @param before the value before the change, as text (null for a creation)
 * @param after  the value after it (null for a deletion)
 * @param client the client address of the request, null for the system's own changes
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String before, String after,
                         String reason, String client) {
}

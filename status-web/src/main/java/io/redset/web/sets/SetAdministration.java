package io.redset.web.sets;

import io.redset.engine.ClaimEngine;
import io.redset.engine.InvalidInputException;
import io.redset.engine.SetId;
import io.redset.engine.SetLimits;
import io.redset.engine.SetMode;
import io.redset.engine.SetView;
import io.redset.web.audit.AuditLog;
import io.redset.web.status.StatusService;
import org.springframework.stereotype.Component;

/**
 * The one way a person changes a SET, whether through the admin API or the console: the mode with
 * a required reason, and the live limits. Each change is applied by the engine (stored first), put
 * in the audit trail with the value before and after, and pushed to the public status snapshot at
 * once (the page shows it within its poll interval).
 *
 * <p>Concurrency: stateless; the engine orders concurrent changes of one SET.
 */
@Component
public final class SetAdministration {

    static final int MAX_REASON_LENGTH = 200;

    private final ClaimEngine engine;
    private final AuditLog audit;
    private final StatusService status;

    public SetAdministration(ClaimEngine engine, AuditLog audit, StatusService status) {
        this.engine = engine;
        this.audit = audit;
        this.status = status;
    }

    /**
     * @param client the client address, for the audit trail
     * @throws InvalidInputException naming {@code reason} (blank, too long, control characters) or {@code mode}
     */
    public SetView switchMode(SetId set, SetMode mode, String reason, String actor, String client) {
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty()) {
            throw new InvalidInputException("reason", "must not be blank: say why the mode changes");
        }
        if (r.length() > MAX_REASON_LENGTH) {
            throw new InvalidInputException("reason", "must be at most " + MAX_REASON_LENGTH + " characters");
        }
        if (r.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("reason", "must not contain control characters");
        }
        SetMode before = engine.mode(set);
        engine.setMode(set, mode, r, actor);
        audit.record(actor, client, "set.mode", "SET " + set, before, mode, r);
        status.requestRefresh();
        return engine.set(set);
    }

    public SetView updateLimits(SetId set, SetLimits limits, String actor, String client) {
        SetLimits before = engine.limits(set);
        engine.updateLimits(set, limits);
        audit.record(actor, client, "set.limits", "SET " + set, before, limits, null);
        return engine.set(set);
    }
}

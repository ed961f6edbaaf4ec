package io.redset.web.audit;

import io.redset.engine.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /api/v1/admin/audit} (ADMIN): the audit trail, newest first, filtered by actor, action
 * (or action family: {@code set} finds {@code set.mode} and {@code set.limits}), target and time,
 * paged with {@code before} (the last id seen).
 */
@RestController
@RequestMapping("/api/v1/admin/audit")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    public List<AuditEntry> find(@RequestParam(name = "actor", required = false) String actor,
                                 @RequestParam(name = "action", required = false) String action,
                                 @RequestParam(name = "target", required = false) String target,
                                 @RequestParam(name = "since", required = false) String since,
                                 @RequestParam(name = "until", required = false) String until,
                                 @RequestParam(name = "before", required = false) Long before,
                                 @RequestParam(name = "limit", defaultValue = "100") int limit) {
        return audit.find(new AuditLog.AuditQuery(bounded("actor", actor, 200), bounded("action", action, 64),
                bounded("target", target, 200), instant("since", since), instant("until", until), before, limit));
    }

    private static String bounded(String field, String value, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters");
        }
        return value;
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 instant such as 2026-12-02T10:00:00Z");
        }
    }
}

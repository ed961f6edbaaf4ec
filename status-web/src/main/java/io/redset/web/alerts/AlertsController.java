package io.redset.web.alerts;

import io.redset.alerts.Alert;
import io.redset.alerts.AlertRule;
import io.redset.alerts.AlertRules;
import io.redset.alerts.Alerts;
import io.redset.alerts.LabelMatcher;
import io.redset.alerts.OutboxEntry;
import io.redset.alerts.RuleValidationException;
import io.redset.alerts.Silence;
import io.redset.web.audit.AuditLog;
import io.redset.web.security.ConsoleRole;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alerts API:
 * <ul>
 *   <li>role ONCALL: {@code GET /api/v1/oncall/alerts} (open, then recently closed), {@code GET
 *       /api/v1/oncall/alerts/{id}} (with its history), {@code POST /api/v1/oncall/alerts/{id}/ack},
 *       silences under {@code /api/v1/oncall/silences}, {@code GET /api/v1/oncall/alert-rules},
 *       {@code GET /api/v1/oncall/notifications} (the outbox);</li>
 *   <li>role ADMIN: {@code PUT /api/v1/admin/alert-rules/{name}} (validated, 400 naming the field),
 *       {@code POST .../{name}/enable|disable}, {@code DELETE .../{name}};</li>
 *   <li>{@code POST /api/v1/alerts/alertmanager}: an Alertmanager webhook (role ONCALL, HTTP Basic in
 *       the Alertmanager's {@code http_config}).</li>
 * </ul>
 */
@RestController
@ConditionalOnBooleanProperty(name = "redset.alerts.enabled", matchIfMissing = true)
class AlertsController {

    static final int MAX_MATCHERS = 64;
    static final int MAX_MATCHER_LENGTH = 1024;
    static final int MAX_COMMENT_LENGTH = 1000;

    private final Alerts alerts;
    private final AuditLog audit;

    public AlertsController(Alerts alerts, AuditLog audit) {
        this.alerts = alerts;
        this.audit = audit;
    }

    public record AckRequest(String comment) {
    }

    /** {@code endsAt} or {@code duration} (ISO-8601, e.g. PT2H); {@code startsAt} defaults to now. */
    public record SilenceRequest(List<String> matchers, String comment, Instant startsAt, Instant endsAt, Duration duration) {
    }

    @GetMapping("/api/v1/oncall/alerts")
    public Map<String, Object> list(@RequestParam(defaultValue = "50") int closed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("evaluatedAt", alerts.lastEvaluation());
        m.put("open", alerts.alerts());
        m.put("closed", alerts.recentlyClosed().stream().limit(Math.max(0, Math.min(closed, 1000))).toList());
        return m;
    }

    @GetMapping("/api/v1/oncall/alerts/{id}")
    public ResponseEntity<Map<String, Object>> one(@PathVariable long id) {
        return alerts.alert(id).map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("alert", a);
            m.put("history", alerts.history(id));
            return ResponseEntity.ok(m);
        }).orElseGet(() -> ResponseEntity.notFound().build());
    }

    @PostMapping("/api/v1/oncall/alerts/{id}/ack")
    public ResponseEntity<Alert> acknowledge(@PathVariable long id, @RequestBody(required = false) AckRequest body, Principal who) {
        String comment = body == null ? null : body.comment();
        requireLength("comment", comment, MAX_COMMENT_LENGTH);
        Optional<Alert> acked = alerts.acknowledge(id, who.getName(), comment);
        acked.ifPresent(a -> audit.record("alert.ack", "alert " + id, null, a.labels(), comment));
        return acked.map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/api/v1/oncall/silences")
    public List<Silence> silences() {
        return alerts.silences();
    }

    @PostMapping("/api/v1/oncall/silences")
    public ResponseEntity<Silence> silence(@RequestBody SilenceRequest body, Principal who) {
        if (body.matchers() == null || body.matchers().isEmpty()) {
            throw new IllegalArgumentException("matchers: at least one matcher is required, e.g. set=\"03\"");
        }
        if (body.matchers().size() > MAX_MATCHERS) {
            throw new IllegalArgumentException("matchers: at most " + MAX_MATCHERS + " matchers");
        }
        for (String m : body.matchers()) {
            if (m == null) {
                throw new IllegalArgumentException("matchers: a matcher must not be null");
            }
            requireLength("matchers", m, MAX_MATCHER_LENGTH);
        }
        requireLength("comment", body.comment(), MAX_COMMENT_LENGTH);
        Instant start = body.startsAt() == null ? alerts.now() : body.startsAt();
        Instant end = body.endsAt() != null ? body.endsAt() : body.duration() != null ? start.plus(body.duration()) : null;
        if (end == null) {
            throw new IllegalArgumentException("endsAt or duration is required");
        }
        Silence s = alerts.silence(body.matchers().stream().map(LabelMatcher::parse).toList(), who.getName(), body.comment(), start, end);
        audit.record("silence.create", "silence " + s.id(), null, s.matchers() + " from " + s.start() + " until " + s.end(),
                body.comment());
        return ResponseEntity.created(URI.create("/api/v1/oncall/silences/" + s.id())).body(s);
    }

    @DeleteMapping("/api/v1/oncall/silences/{id}")
    public ResponseEntity<Void> expire(@PathVariable long id) {
        if (!alerts.expireSilence(id)) {
            return ResponseEntity.notFound().build();
        }
        audit.record("silence.expire", "silence " + id, "active", "expired", null);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/oncall/alert-rules")
    public List<Map<String, Object>> rules() {
        return alerts.rules().stream().map(AlertRules::toMap).toList();
    }

    /** Subscriber targets (addresses, webhook URLs with their secrets) in full for admins only. */
    @GetMapping("/api/v1/oncall/notifications")
    public Object notifications(@RequestParam(defaultValue = "100") int limit, Authentication who) {
        List<OutboxEntry> rows = alerts.outbox(Math.max(1, Math.min(limit, 1000)));
        boolean admin = who != null && who.getAuthorities().stream()
                .anyMatch(a -> ConsoleRole.ADMIN.authority().equals(a.getAuthority()));
        return admin ? rows : rows.stream().map(OutboxEntry::masked).toList();
    }

    @PutMapping(path = "/api/v1/admin/alert-rules/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> save(@PathVariable String name, @RequestBody String json, Principal who) {
        AlertRule rule = AlertRules.parseJson(json);
        if (!rule.name().equals(name)) {
            throw new RuleValidationException(rule.name(), "name", "must equal the name in the path (" + name + ")");
        }
        Map<String, Object> before = alerts.rules().stream().filter(r -> r.name().equals(name)).findFirst()
                .map(AlertRules::toMap).orElse(null);
        Map<String, Object> after = AlertRules.toMap(alerts.saveRule(rule, who.getName()));
        audit.record("rule.save", "rule " + name, before, after, null);
        return after;
    }

    @PostMapping("/api/v1/admin/alert-rules/{name}/{action:enable|disable}")
    public Map<String, Object> enable(@PathVariable String name, @PathVariable String action, Principal who) {
        Map<String, Object> after = AlertRules.toMap(alerts.setEnabled(name, action.equals("enable"), who.getName()));
        audit.record("rule." + action, "rule " + name, null, null, null);
        return after;
    }

    @DeleteMapping("/api/v1/admin/alert-rules/{name}")
    public ResponseEntity<Void> delete(@PathVariable String name) {
        if (!alerts.deleteRule(name)) {
            return ResponseEntity.notFound().build();
        }
        audit.record("rule.delete", "rule " + name, "saved", "default or none", null);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/api/v1/alerts/alertmanager")
    public Map<String, Object> alertmanager(@RequestBody String body) {
        return Map.of("received", alerts.receiveAlertmanager(body));
    }

    private static void requireLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
    }

    @ExceptionHandler(RuleValidationException.class)
    ResponseEntity<ProblemDetail> invalidRule(RuleValidationException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Invalid alert rule");
        p.setProperty("field", e.field());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Invalid input");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}

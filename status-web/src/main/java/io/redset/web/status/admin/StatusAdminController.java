package io.redset.web.status.admin;

import io.redset.engine.InvalidInputException;
import io.redset.engine.WireName;
import io.redset.probes.ComponentStatus;
import io.redset.web.api.ApiProblems;
import io.redset.web.api.JsonInput;
import io.redset.web.api.PayloadTooLargeException;
import io.redset.web.audit.AuditLog;
import io.redset.web.status.StatusNotFoundException;
import io.redset.web.status.StatusService;
import io.redset.web.status.render.StatuspageJson;
import io.redset.web.status.snapshot.Impact;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentStatus;
import io.redset.web.status.snapshot.PageComponent;
import io.redset.web.status.snapshot.PageSettings;
import io.redset.web.status.snapshot.StatusSnapshot;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The admin API of the status page (HTTP Basic, role ADMIN through the {@code /api/v1/admin/**}
 * rule), until the console has screens for it. Answers are the Statuspage shapes; bad input is a
 * 400 problem naming the field, and changes nothing.
 * <ul>
 *   <li>{@code POST /incidents} {@code {"name","status","impact","body","components":{"set-00":"major_outage"}}}</li>
 *   <li>{@code POST /incidents/{id}/updates} {@code {"status","body","impact"?,"components"?}}</li>
 *   <li>{@code PUT /incidents/{id}/postmortem} {@code {"body"}}</li>
 *   <li>{@code POST /maintenances} {@code {"name","body","scheduledFor","scheduledUntil","components":[..],"autoTransitions"?}}</li>
 *   <li>{@code POST /maintenances/{id}/updates} {@code {"status","body"}}</li>
 *   <li>{@code PUT /components/{id}} {@code {"name","description","group","status","position","showcase","onlyShowIfDegraded"}}</li>
 *   <li>{@code PUT /page} {@code {"name","url","timeZone","logoText"}}</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/admin/status")
class StatusAdminController {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final StatusService status;
    private final AuditLog audit;
    private final IncidentCommands incidents;

    public StatusAdminController(StatusService status, AuditLog audit, IncidentCommands incidents) {
        this.status = status;
        this.audit = audit;
        this.incidents = incidents;
    }

    private static String actor() {
        var who = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return who == null ? "system" : who.getName();
    }

    @GetMapping("/incidents/{id}")
    public ResponseEntity<byte[]> incident(@PathVariable("id") String id) {
        StatusSnapshot s = status.snapshot();
        Incident i = s.incident(id).orElseThrow(() -> new StatusNotFoundException("incident", id));
        return json(HttpStatus.OK, s, i);
    }

    @PostMapping(path = "/incidents", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> createIncident(HttpServletRequest request) throws IOException {
        Body b = Body.read(request, Set.of("name", "status", "impact", "body", "components", "deliverNotifications"));
        IncidentStatus st = b.has("status") ? incidentStatus(b.in.requiredString("status")) : IncidentStatus.INVESTIGATING;
        Impact impact = b.has("impact") ? impact(b.in.requiredString("impact")) : Impact.MINOR;
        Incident i = incidents.declare(b.in.requiredString("name"), st, impact, b.in.requiredString("body"),
                b.componentStatuses(), b.bool("deliverNotifications", true), actor(), request.getRemoteAddr());
        return json(HttpStatus.CREATED, status.snapshot(), i);
    }

    @PostMapping(path = "/incidents/{id}/updates", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> updateIncident(@PathVariable("id") String id, HttpServletRequest request) throws IOException {
        Body b = Body.read(request, Set.of("status", "impact", "body", "components", "deliverNotifications"));
        IncidentStatus st = incidentStatus(b.in.requiredString("status"));
        Impact impact = b.has("impact") ? impact(b.in.requiredString("impact")) : null;
        Incident i = incidents.update(id, st, impact, b.in.requiredString("body"), b.componentStatuses(),
                b.bool("deliverNotifications", true), actor(), request.getRemoteAddr());
        return json(HttpStatus.CREATED, status.snapshot(), i);
    }

    @PutMapping(path = "/incidents/{id}/postmortem", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> postmortem(@PathVariable("id") String id, HttpServletRequest request) throws IOException {
        Body b = Body.read(request, Set.of("body"));
        Incident i = status.publishPostmortem(id, b.in.requiredString("body"));
        audit.record("incident.postmortem", "incident " + i.id(), null, IncidentCommands.summary(i), null);
        return json(HttpStatus.OK, status.snapshot(), i);
    }

    @PostMapping(path = "/maintenances", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> createMaintenance(HttpServletRequest request) throws IOException {
        Body b = Body.read(request, Set.of("name", "body", "scheduledFor", "scheduledUntil", "components",
                "autoTransitions", "deliverNotifications"));
        Incident i = incidents.scheduleMaintenance(b.in.requiredString("name"), b.in.requiredString("body"),
                b.time("scheduledFor"), b.time("scheduledUntil"), b.componentIds(), b.bool("autoTransitions", true),
                b.bool("deliverNotifications", true), actor(), request.getRemoteAddr());
        return json(HttpStatus.CREATED, status.snapshot(), i);
    }

    @PostMapping(path = "/maintenances/{id}/updates", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> updateMaintenance(@PathVariable("id") String id, HttpServletRequest request) throws IOException {
        Body b = Body.read(request, Set.of("status", "body", "deliverNotifications"));
        Incident i = incidents.update(id, incidentStatus(b.in.requiredString("status")), null,
                b.in.requiredString("body"), Map.of(), b.bool("deliverNotifications", true), actor(), request.getRemoteAddr());
        return json(HttpStatus.CREATED, status.snapshot(), i);
    }

    @PutMapping(path = "/components/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public PageComponent saveComponent(@PathVariable("id") String id, HttpServletRequest request) throws IOException {
        Body b = Body.read(request, Set.of("name", "description", "group", "status", "position", "showcase",
                "onlyShowIfDegraded"));
        ComponentStatus st = b.has("status") ? componentStatus("status", b.in.requiredString("status")) : null;
        String before = status.snapshot().component(id).map(IncidentCommands::summary).orElse(null);
        PageComponent saved = status.saveComponent(id, b.in.optionalString("name"), b.in.optionalString("description"),
                b.in.optionalString("group"), st, b.in.optionalInt("position"), b.boolOrNull("showcase"),
                b.boolOrNull("onlyShowIfDegraded"));
        audit.record("component.save", "component " + saved.id(), before, IncidentCommands.summary(saved), null);
        return saved;
    }

    @PutMapping(path = "/page", consumes = MediaType.APPLICATION_JSON_VALUE)
    public PageSettingsJson savePage(HttpServletRequest request) throws IOException {
        Body b = Body.read(request, Set.of("name", "url", "timeZone", "logoText"));
        ZoneId zone = null;
        if (b.has("timeZone")) {
            try {
                zone = ZoneId.of(b.in.requiredString("timeZone"));
            } catch (RuntimeException e) {
                throw new InvalidInputException("timeZone", "must be an IANA time zone such as Etc/UTC or Asia/Shanghai");
            }
        }
        PageSettings old = status.snapshot().page();
        PageSettings p = status.savePage(b.in.optionalString("name"), b.in.optionalString("url"), zone,
                b.in.optionalString("logoText"));
        audit.record("page.save", "page " + p.id(), IncidentCommands.summary(old), IncidentCommands.summary(p), null);
        return new PageSettingsJson(p.id(), p.name(), p.url(), p.timeZone().getId(), p.logoText());
    }

    public record PageSettingsJson(String id, String name, String url, String timeZone, String logoText) {
    }

    @ExceptionHandler(StatusNotFoundException.class)
    public ResponseEntity<ProblemDetail> notFound(StatusNotFoundException e) {
        ProblemDetail p = ApiProblems.problem(404, "status-not-found", "Not found", e.getMessage());
        return ResponseEntity.status(404).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static ResponseEntity<byte[]> json(HttpStatus code, StatusSnapshot s, Incident i) {
        byte[] body = MAPPER.writeValueAsBytes(new StatuspageJson(s).incident(i));
        return ResponseEntity.status(code).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static IncidentStatus incidentStatus(String text) {
        try {
            return IncidentStatus.ofWireName(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "must be one of " + WireName.list(IncidentStatus.class));
        }
    }

    private static Impact impact(String text) {
        try {
            return Impact.ofWireName(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("impact", "must be one of none, minor, major, critical");
        }
    }

    static ComponentStatus componentStatus(String field, String text) {
        try {
            return ComponentStatus.ofWireName(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be one of " + WireName.list(ComponentStatus.class));
        }
    }

    /** A JSON object body: checked by {@link JsonInput}, plus the nested fields it does not read. */
    private record Body(JsonInput in, JsonNode tree) {

        static Body read(HttpServletRequest request, Set<String> allowed) throws IOException {
            byte[] bytes = request.getInputStream().readNBytes(JsonInput.MAX_BODY_BYTES + 1);
            if (bytes.length > JsonInput.MAX_BODY_BYTES) {
                throw new PayloadTooLargeException(JsonInput.MAX_BODY_BYTES);
            }
            JsonInput in = JsonInput.parse(bytes);
            for (String field : in.fieldNames()) {
                if (!allowed.contains(field)) {
                    throw new InvalidInputException(field, "is not a field of this request; known: "
                            + allowed.stream().sorted().collect(Collectors.joining(", ")));
                }
            }
            try {
                return new Body(in, MAPPER.readTree(bytes));
            } catch (JacksonException e) {
                throw new InvalidInputException(JsonInput.BODY, "is not valid JSON");
            }
        }

        boolean has(String field) {
            return in.has(field);
        }

        boolean bool(String field, boolean otherwise) {
            Boolean b = boolOrNull(field);
            return b == null ? otherwise : b;
        }

        Boolean boolOrNull(String field) {
            JsonNode n = tree.get(field);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isBoolean()) {
                throw new InvalidInputException(field, "must be true or false");
            }
            return n.booleanValue();
        }

        Instant time(String field) {
            String text = in.requiredString(field);
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(field, "must be an ISO-8601 time with offset, e.g. 2026-11-21T22:00:00Z");
            }
        }

        /** {@code {"set-00": "major_outage", ...}}: components and the status this update gives them. */
        Map<String, ComponentStatus> componentStatuses() {
            JsonNode n = tree.get("components");
            Map<String, ComponentStatus> map = new LinkedHashMap<>();
            if (n == null || n.isNull()) {
                return map;
            }
            if (!n.isObject()) {
                throw new InvalidInputException("components", "must be an object of component id to status");
            }
            for (String id : n.propertyNames()) {
                JsonNode v = n.get(id);
                if (!v.isString()) {
                    throw new InvalidInputException("components", "status of " + id + " must be a string");
                }
                map.put(id, componentStatus("components", v.stringValue()));
            }
            return map;
        }

        /** {@code ["set-00", ...]}. */
        List<String> componentIds() {
            JsonNode n = tree.get("components");
            List<String> ids = new ArrayList<>();
            if (n == null || n.isNull()) {
                return ids;
            }
            if (!n.isArray()) {
                throw new InvalidInputException("components", "must be an array of component ids");
            }
            for (JsonNode v : n) {
                if (!v.isString()) {
                    throw new InvalidInputException("components", "must be an array of component ids");
                }
                ids.add(v.stringValue());
            }
            return ids;
        }
    }
}

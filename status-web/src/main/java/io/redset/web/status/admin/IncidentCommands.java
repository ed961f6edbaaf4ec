package io.redset.web.status.admin;

import io.redset.probes.ComponentStatus;
import io.redset.web.audit.AuditLog;
import io.redset.web.status.StatusService;
import io.redset.web.status.snapshot.Impact;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentStatus;
import io.redset.web.status.snapshot.PageComponent;
import io.redset.web.status.snapshot.PageSettings;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Declaring and updating incidents, the one way for the admin API and the console: the status
 * service checks the texts and stores them (the public page and subscribers follow), the audit
 * trail keeps who did it, the names and states before and after, and from where. Bodies are
 * public texts and not copied into the trail.
 *
 * <p>Concurrency: stateless; the status service serialises changes.
 */
@Component
public final class IncidentCommands {

    private final StatusService status;
    private final AuditLog audit;

    public IncidentCommands(StatusService status, AuditLog audit) {
        this.status = status;
        this.audit = audit;
    }

    public Incident declare(String name, IncidentStatus state, Impact impact, String body,
                            Map<String, ComponentStatus> components, boolean notify, String actor, String client) {
        Incident i = status.createIncident(name, state, impact, body, components, notify);
        audit.record(actor, client, "incident.create", "incident " + i.id(), null, summary(i), i.name());
        return i;
    }

    public Incident update(String id, IncidentStatus state, Impact impact, String body,
                           Map<String, ComponentStatus> components, boolean notify, String actor, String client) {
        String before = status.snapshot().incident(id).map(IncidentCommands::summary).orElse(null);
        Incident i = status.updateIncident(id, state, impact, body, components, notify);
        audit.record(actor, client, i.isMaintenance() ? "maintenance.update" : "incident.update",
                (i.isMaintenance() ? "maintenance " : "incident ") + i.id(), before, summary(i), null);
        return i;
    }

    public Incident scheduleMaintenance(String name, String body, java.time.Instant from, java.time.Instant until,
                                        java.util.List<String> components, boolean autoTransitions, boolean notify,
                                        String actor, String client) {
        Incident i = status.scheduleMaintenance(name, body, from, until, components, autoTransitions, notify);
        audit.record(actor, client, "maintenance.create", "maintenance " + i.id(), null,
                summary(i) + " from " + i.scheduledFor() + " until " + i.scheduledUntil(), i.name());
        return i;
    }

    /** What the audit trail keeps of an incident, a component or the page settings: names and states, not bodies. */
    static String summary(Incident i) {
        return "\"" + i.name() + "\" " + i.status().wireName() + ", impact " + i.impact().wireName()
                + ", components " + i.componentIds();
    }

    static String summary(PageComponent c) {
        return "\"" + c.name() + "\" " + c.status().wireName() + (c.groupId() == null ? "" : ", group " + c.groupId())
                + ", position " + c.position();
    }

    static String summary(PageSettings p) {
        return "\"" + p.name() + "\" " + p.url() + ", " + p.timeZone().getId() + ", logo " + p.logoText();
    }
}

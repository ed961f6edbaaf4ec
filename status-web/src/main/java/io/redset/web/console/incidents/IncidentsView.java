package io.redset.web.console.incidents;

import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.redset.alerts.Alert;
import io.redset.alerts.Alerts;
import io.redset.engine.RedSetException;
import io.redset.probes.ComponentStatus;
import io.redset.web.audit.AuditEntry;
import io.redset.web.audit.AuditLog;
import io.redset.web.console.ConsoleAccess;
import io.redset.web.console.ConsoleLayout;
import io.redset.web.console.ConsoleTexts;
import io.redset.web.security.ConsoleRole;
import io.redset.web.status.StatusService;
import io.redset.web.status.admin.IncidentCommands;
import io.redset.web.status.snapshot.Impact;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentStatus;
import io.redset.web.status.snapshot.IncidentUpdate;
import io.redset.web.status.snapshot.PageComponent;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /console/incidents}: declare an incident (blank, or from an alert with {@code ?alert=id}:
 * title, text and component filled in), and the open incidents, each with its timeline. The
 * timeline puts the public updates next to RedSet's own changes made since the incident started
 * (mode switches, limit edits, silences, rule changes, maintenances: the audit trail), so whoever
 * writes the next update or the postmortem sees what was done. ONCALL and ADMIN declare and post
 * updates (resolving is an update with status resolved); the public page and subscribers follow.
 */
@RolesAllowed("VIEWER")
@Route(value = "console/incidents", layout = ConsoleLayout.class)
public class IncidentsView extends Div implements HasDynamicTitle, BeforeEnterObserver {

    static final Set<String> OWN_CHANGES = Set.of("set", "silence", "rule", "maintenance", "component", "alert");
    static final int MAX_TIMELINE_CHANGES = 200;

    private final StatusService status;
    private final IncidentCommands incidents;
    private final AuditLog audit;
    private final ObjectProvider<Alerts> alerts;
    private final AuthenticationContext auth;
    private final ConsoleTexts t = ConsoleTexts.current();
    private final Paragraph message = new Paragraph();
    private Alert fromAlert;

    public IncidentsView(StatusService status, IncidentCommands incidents, AuditLog audit, ObjectProvider<Alerts> alerts,
                         AuthenticationContext auth) {
        this.status = status;
        this.incidents = incidents;
        this.audit = audit;
        this.alerts = alerts;
        this.auth = auth;
        addClassName("console-incidents");
        message.getElement().setAttribute("role", "status");
        message.addClassName("console-message");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> id = event.getLocation().getQueryParameters().getParameters().get("alert");
        Alerts a = alerts.getIfAvailable();
        fromAlert = null;
        if (id != null && !id.isEmpty() && a != null) {
            try {
                fromAlert = a.alert(Long.parseLong(id.getFirst())).orElse(null);
            } catch (NumberFormatException ignored) {
                // a bad id declares a blank incident
            }
        }
        draw();
    }

    private void draw() {
        removeAll();
        boolean mayWrite = ConsoleAccess.role(auth).includes(ConsoleRole.ONCALL);
        add(new H1(t.t("incidents")), message);
        if (mayWrite) {
            add(declareForm());
        }
        Section open = new Section(new H2(t.t("openIncidents")));
        List<Incident> unresolved = status.snapshot().unresolvedIncidents();
        if (unresolved.isEmpty()) {
            open.add(new Paragraph(t.t("noOpenIncidents")));
        }
        for (Incident i : unresolved) {
            open.add(card(i, mayWrite));
        }
        add(open);
    }

    private Section declareForm() {
        List<PageComponent> all = status.snapshot().components();
        TextField name = new TextField(t.t("incidentName"));
        name.setMaxLength(200);
        name.setWidthFull();
        name.addClassName("console-incident-name");
        TextArea body = new TextArea(t.t("incidentBody"));
        body.setMaxLength(5000);
        body.setWidthFull();
        body.addClassName("console-incident-body");
        Select<Impact> impact = new Select<>();
        impact.setLabel(t.t("impact"));
        impact.setItems(Impact.NONE, Impact.MINOR, Impact.MAJOR, Impact.CRITICAL);
        impact.setItemLabelGenerator(Impact::wireName);
        impact.setValue(Impact.MINOR);
        Select<IncidentStatus> state = new Select<>();
        state.setLabel(t.t("state"));
        state.setItems(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING);
        state.setItemLabelGenerator(IncidentStatus::wireName);
        state.setValue(IncidentStatus.INVESTIGATING);
        CheckboxGroup<PageComponent> affected = new CheckboxGroup<>(t.t("affected"));
        affected.setItems(all);
        affected.setItemLabelGenerator(PageComponent::name);
        affected.addClassName("console-incident-components");
        Select<ComponentStatus> affectedStatus = new Select<>();
        affectedStatus.setLabel(t.t("affectedStatus"));
        affectedStatus.setItems(ComponentStatus.DEGRADED_PERFORMANCE, ComponentStatus.PARTIAL_OUTAGE, ComponentStatus.MAJOR_OUTAGE);
        affectedStatus.setItemLabelGenerator(ComponentStatus::wireName);
        affectedStatus.setValue(ComponentStatus.DEGRADED_PERFORMANCE);
        if (fromAlert != null) {
            String set = fromAlert.labels().get("set");
            name.setValue(fromAlert.alertname() + (set == null ? "" : " on SET " + set));
            body.setValue(fromAlert.annotations().getOrDefault("summary", fromAlert.alertname()));
            String component = fromAlert.labels().getOrDefault("component", set == null ? null : "set-" + set);
            all.stream().filter(c -> c.id().equals(component)).findFirst().ifPresent(c -> affected.setValue(Set.of(c)));
            impact.setValue(Impact.MAJOR);
        }
        Paragraph error = new Paragraph();
        error.addClassName("console-error");
        error.getElement().setAttribute("role", "alert");
        NativeButton declare = new NativeButton(t.t("declare"), e -> {
            try {
                String who = ConsoleAccess.require(auth, ConsoleRole.ONCALL);
                Map<String, ComponentStatus> components = new LinkedHashMap<>();
                affected.getValue().forEach(c -> components.put(c.id(), affectedStatus.getValue()));
                incidents.declare(name.getValue(), state.getValue(), impact.getValue(), body.getValue(), components, true,
                        who, ConsoleAccess.client());
                fromAlert = null;
                draw();
                message.setText(t.t("declared"));
            } catch (AccessDeniedException ex) {
                error.setText(t.t("notAllowed"));
            } catch (RedSetException ex) {
                error.setText(ex.getMessage());
            }
        });
        declare.addClassName("console-declare");
        Section form = new Section(new H2(t.t("declare")), name, body, impact, state, affected, affectedStatus, declare, error);
        form.addClassNames("console-tile", "console-declare-form");
        return form;
    }

    private Section card(Incident i, boolean mayWrite) {
        Section card = new Section();
        card.addClassName("console-incident");
        card.getElement().setAttribute("data-incident", i.id());
        card.add(new H3(i.name()));
        card.add(new Paragraph(t.t("state") + ": " + i.status().wireName() + " · " + t.t("impact") + ": "
                + i.impact().wireName() + " · " + String.join(", ", i.componentIds())));
        card.add(timeline(i));
        if (mayWrite) {
            Select<IncidentStatus> state = new Select<>();
            state.setLabel(t.t("state"));
            state.setItems(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING,
                    IncidentStatus.RESOLVED);
            state.setItemLabelGenerator(IncidentStatus::wireName);
            state.setValue(i.status());
            state.addClassName("console-update-status");
            TextArea body = new TextArea(t.t("updateBody"));
            body.setMaxLength(5000);
            body.setWidthFull();
            body.addClassName("console-update-body");
            Paragraph error = new Paragraph();
            error.addClassName("console-error");
            error.getElement().setAttribute("role", "alert");
            NativeButton post = new NativeButton(t.t("postUpdate"), e -> {
                try {
                    String who = ConsoleAccess.require(auth, ConsoleRole.ONCALL);
                    incidents.update(i.id(), state.getValue(), null, body.getValue(), Map.of(), true, who, ConsoleAccess.client());
                    draw();
                } catch (AccessDeniedException ex) {
                    error.setText(t.t("notAllowed"));
                } catch (RedSetException ex) {
                    error.setText(ex.getMessage());
                }
            });
            post.addClassName("console-post-update");
            card.add(state, body, post, error);
        }
        return card;
    }

    /** Public updates and the audit trail's changes since the incident started, oldest first. */
    private Div timeline(Incident i) {
        record Entry(Instant at, String kind, String text) {
        }
        List<Entry> entries = new ArrayList<>();
        for (IncidentUpdate u : i.updates()) {
            entries.add(new Entry(u.createdAt(), t.t("publicUpdate"), u.status().wireName() + ": " + u.body()));
        }
        Instant since = i.startedAt() == null ? i.createdAt() : i.startedAt();
        for (AuditEntry a : audit.find(new AuditLog.AuditQuery(null, null, null, since, null, null, MAX_TIMELINE_CHANGES))) {
            String family = a.action().contains(".") ? a.action().substring(0, a.action().indexOf('.')) : a.action();
            if (OWN_CHANGES.contains(family)) {
                entries.add(new Entry(a.at(), t.t("redsetChange"), a.actor() + ": " + a.action() + " " + a.target()
                        + (a.before() == null && a.after() == null ? "" : " (" + (a.before() == null ? "—" : a.before())
                        + " → " + (a.after() == null ? "—" : a.after()) + ")")
                        + (a.reason() == null ? "" : " — " + a.reason())));
            }
        }
        entries.sort(Comparator.comparing(Entry::at));
        OrderedList list = new OrderedList();
        list.addClassName("console-timeline");
        for (Entry e : entries) {
            ListItem item = new ListItem(ConsoleTexts.time(e.at()) + " · " + e.kind() + " · " + e.text());
            item.getElement().setAttribute("data-kind", e.kind().equals(t.t("publicUpdate")) ? "update" : "change");
            list.add(item);
        }
        Div box = new Div(new Paragraph(t.t("timeline")), list);
        box.addClassName("console-timeline-box");
        return box;
    }


    @Override
    public String getPageTitle() {
        return t.t("incidents") + " · " + t.t("console");
    }
}

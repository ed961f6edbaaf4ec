package io.redset.web.console.maintenance;

import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.redset.engine.RedSetException;
import io.redset.web.console.ConsoleAccess;
import io.redset.web.console.ConsoleLayout;
import io.redset.web.console.ConsoleTexts;
import io.redset.web.security.ConsoleRole;
import io.redset.web.status.StatusService;
import io.redset.web.status.admin.IncidentCommands;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentStatus;
import io.redset.web.status.snapshot.PageComponent;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/maintenance}: schedule a maintenance window for components with a public notice
 * (ONCALL+). One window does everything at once: the public page shows it, the components' alerts
 * are muted and their probes marked as in maintenance while it runs, its time is left out of
 * uptime, and subscribers are told at start and end (the status service moves it on by the clock).
 * Active and upcoming windows are listed and can be completed early.
 */
@RolesAllowed("VIEWER")
@Route(value = "console/maintenance", layout = ConsoleLayout.class)
public class MaintenanceView extends Div implements HasDynamicTitle {

    private final StatusService status;
    private final IncidentCommands commands;
    private final AuthenticationContext auth;
    private final ConsoleTexts t = ConsoleTexts.current();
    private final Paragraph message = new Paragraph();

    public MaintenanceView(StatusService status, IncidentCommands commands, AuthenticationContext auth) {
        this.status = status;
        this.commands = commands;
        this.auth = auth;
        addClassName("console-maintenance");
        message.getElement().setAttribute("role", "status");
        message.addClassName("console-message");
        draw();
    }

    private void draw() {
        removeAll();
        boolean mayWrite = ConsoleAccess.role(auth).includes(ConsoleRole.ONCALL);
        add(new H1(t.t("maintenance")), message);
        if (mayWrite) {
            add(form());
        }
        Section list = new Section(new H2(t.t("maintenances")));
        List<Incident> windows = new ArrayList<>(status.snapshot().activeMaintenances());
        windows.addAll(status.snapshot().upcomingMaintenances());
        if (windows.isEmpty()) {
            list.add(new Paragraph(t.t("noMaintenance")));
        }
        for (Incident m : windows) {
            Section card = new Section(new H3(m.name()), new Paragraph(m.status().wireName() + " · "
                    + ConsoleTexts.time(m.scheduledFor()) + " → " + ConsoleTexts.time(m.scheduledUntil()) + " · "
                    + String.join(", ", m.componentIds())));
            card.addClassName("console-incident");
            card.getElement().setAttribute("data-maintenance", m.id());
            if (mayWrite) {
                NativeButton complete = new NativeButton(t.t("completeNow"), e -> act(() -> {
                    commands.update(m.id(), IncidentStatus.COMPLETED, null, t.t("completed"), Map.of(), true,
                            ConsoleAccess.require(auth, ConsoleRole.ONCALL), ConsoleAccess.client());
                    draw();
                    message.setText(t.t("completed"));
                }));
                complete.addClassName("console-post-update");
                card.add(complete);
            }
            list.add(card);
        }
        add(list);
    }

    private Section form() {
        TextField name = new TextField(t.t("maintenanceName"));
        name.setMaxLength(200);
        name.setWidthFull();
        name.addClassName("console-maintenance-name");
        TextArea body = new TextArea(t.t("maintenanceBody"));
        body.setMaxLength(5000);
        body.setWidthFull();
        body.addClassName("console-maintenance-body");
        // "now" as the status service's clock last saw it (its snapshot is at most seconds old)
        LocalDateTime now = LocalDateTime.ofInstant(status.snapshot().builtAt(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        DateTimePicker from = new DateTimePicker(t.t("startsAt"), now.plusHours(1));
        from.addClassName("console-maintenance-from");
        DateTimePicker until = new DateTimePicker(t.t("endsAt"), now.plusHours(2));
        until.addClassName("console-maintenance-until");
        CheckboxGroup<PageComponent> components = new CheckboxGroup<>(t.t("affected"));
        components.setItems(status.snapshot().components());
        components.setItemLabelGenerator(PageComponent::name);
        components.addClassName("console-maintenance-components");
        NativeButton schedule = new NativeButton(t.t("schedule"), e -> act(() -> {
            if (from.getValue() == null || until.getValue() == null) {
                message.setText(t.t("timesRequired"));
                return;
            }
            commands.scheduleMaintenance(name.getValue(), body.getValue(), from.getValue().toInstant(ZoneOffset.UTC),
                    until.getValue().toInstant(ZoneOffset.UTC), components.getValue().stream().map(PageComponent::id).toList(),
                    true, true, ConsoleAccess.require(auth, ConsoleRole.ONCALL), ConsoleAccess.client());
            draw();
            message.setText(t.t("scheduled"));
        }));
        schedule.addClassName("console-declare");
        Paragraph effect = new Paragraph(t.t("maintenanceEffect"));
        effect.addClassName("console-muted");
        Section form = new Section(new H2(t.t("schedule")), effect, name, body, from, until, components, schedule);
        form.addClassName("console-tile");
        return form;
    }

    private void act(Runnable action) {
        try {
            ConsoleAccess.require(auth, ConsoleRole.ONCALL);
            action.run();
        } catch (AccessDeniedException e) {
            message.setText(t.t("notAllowed"));
        } catch (RedSetException e) {
            message.setText(e.getMessage());
        }
    }


    @Override
    public String getPageTitle() {
        return t.t("maintenance") + " · " + t.t("console");
    }
}

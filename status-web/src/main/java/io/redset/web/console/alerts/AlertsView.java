package io.redset.web.console.alerts;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.redset.alerts.Alert;
import io.redset.alerts.Alerts;
import io.redset.alerts.LabelMatcher;
import io.redset.alerts.Silence;
import io.redset.web.audit.AuditLog;
import io.redset.web.console.ConsoleAccess;
import io.redset.web.console.ConsoleLayout;
import io.redset.web.console.ConsoleTexts;
import io.redset.web.security.ConsoleRole;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code /console/alerts}: the silences in force, then the open alerts (pending and firing) with
 * their labels, summary, state, since when, mute and acknowledgement. ONCALL and ADMIN acknowledge
 * an alert with a comment (no repeats until the acknowledgement times out; the resolve is still
 * sent) and silence it and its kind (matchers from its labels, a chosen end, a required comment);
 * a VIEWER sees no form, and the server refuses the actions for them anyway. Both are audited like
 * the API's.
 */
@RolesAllowed("VIEWER")
@Route(value = "console/alerts", layout = ConsoleLayout.class)
public class AlertsView extends Div implements HasDynamicTitle {

    static final int MAX_COMMENT = 1000;
    static final List<Duration> SILENCE_LENGTHS = List.of(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24));

    private final ObjectProvider<Alerts> alerts;
    private final AuditLog audit;
    private final AuthenticationContext auth;
    private final ConsoleTexts t = ConsoleTexts.current();

    public AlertsView(ObjectProvider<Alerts> alerts, AuditLog audit, AuthenticationContext auth) {
        this.alerts = alerts;
        this.audit = audit;
        this.auth = auth;
        addClassName("console-alerts");
        draw();
    }

    private void draw() {
        removeAll();
        add(new H1(t.t("alerts")));
        Alerts a = alerts.getIfAvailable();
        if (a == null) {
            add(new Paragraph(t.t("alertsOff")));
            return;
        }
        List<Alert> open = a.alerts();
        for (Silence s : a.silences()) {
            Paragraph p = new Paragraph(t.t("silenced", s.id(), s.creator(), ConsoleTexts.time(s.end()), s.comment()));
            p.addClassName("console-silence-active");
            add(p);
        }
        if (open.isEmpty()) {
            add(new Paragraph(t.t("noAlerts")));
            return;
        }
        boolean mayAck = ConsoleAccess.role(auth).includes(ConsoleRole.ONCALL);
        for (Alert x : open) {
            add(card(a, x, mayAck));
        }
    }

    private Section card(Alerts a, Alert x, boolean mayAck) {
        Section card = new Section();
        card.addClassName("console-alert");
        card.getElement().setAttribute("data-alert", Long.toString(x.id()));
        card.add(new H2(x.alertname()));
        card.add(new Paragraph(t.t("state") + ": " + x.state().wireName() + (x.muted() ? " (" + t.t("muted") + ")" : "")));
        card.add(new Paragraph(t.t("labels") + ": " + ConsoleTexts.labels(x.labels())));
        String summary = x.annotations().get("summary");
        if (summary != null) {
            card.add(new Paragraph(summary));
        }
        card.add(new Paragraph(t.t("since") + ": " + ConsoleTexts.time(x.activeSince())));
        if (x.ack() != null) {
            Paragraph acked = new Paragraph(t.t("acked", x.ack().by(), x.ack().comment()));
            acked.addClassName("console-acked");
            card.add(acked);
        }
        if (mayAck) {
            TextField comment = new TextField(t.t("ackComment"));
            comment.setMaxLength(MAX_COMMENT);
            comment.addClassName("console-ack-comment");
            Paragraph error = new Paragraph();
            error.getElement().setAttribute("role", "alert");
            NativeButton ack = new NativeButton(t.t("acknowledge"), e -> {
                try {
                    String who = ConsoleAccess.require(auth, ConsoleRole.ONCALL);
                    a.acknowledge(x.id(), who, comment.getValue()).ifPresent(done -> {
                        audit.record(who, ConsoleAccess.client(), "alert.ack", "alert " + x.id(), null,
                                done.labels(), comment.getValue());
                    });
                    draw();
                } catch (AccessDeniedException ex) {
                    error.setText(t.t("notAllowed"));
                } catch (IllegalArgumentException ex) {
                    error.setText(ex.getMessage());
                }
            });
            ack.addClassName("console-ack");
            card.add(comment, ack, error);
            card.add(silenceForm(a, x));
            Anchor declare = new Anchor("console/incidents?alert=" + x.id(), t.t("declareFromAlert"));
            declare.addClassName("console-declare-link");
            card.add(new Paragraph(declare));
        }
        return card;
    }

    /**
     * A silence for this alert and its kind: the matchers are the alert's name and, where it has
     * them, its SET and component; the end and a comment are required; the creator is the user.
     */
    private Div silenceForm(Alerts a, Alert x) {
        List<LabelMatcher> matchers = new ArrayList<>();
        for (String label : List.of("alertname", "set", "component")) {
            String v = x.labels().get(label);
            if (v != null) {
                matchers.add(LabelMatcher.eq(label, v));
            }
        }
        Paragraph what = new Paragraph(t.t("silenceMatchers", matchers.stream().map(LabelMatcher::toString)
                .collect(Collectors.joining(", "))));
        what.addClassName("console-muted");
        Select<Duration> length = new Select<>();
        length.setLabel(t.t("silenceFor"));
        length.setItems(SILENCE_LENGTHS);
        length.setItemLabelGenerator(d -> d.toHours() + " h");
        length.setValue(SILENCE_LENGTHS.getFirst());
        length.addClassName("console-silence-length");
        TextField why = new TextField(t.t("silenceComment"));
        why.setMaxLength(MAX_COMMENT);
        why.setRequired(true);
        why.addClassName("console-silence-comment");
        Paragraph error = new Paragraph();
        error.getElement().setAttribute("role", "alert");
        NativeButton silence = new NativeButton(t.t("silence"), e -> {
            try {
                String who = ConsoleAccess.require(auth, ConsoleRole.ONCALL);
                if (why.getValue().isBlank()) {
                    error.setText(t.t("commentRequired"));
                    return;
                }
                Instant start = a.now();
                Silence s = a.silence(matchers, who, why.getValue(), start, start.plus(length.getValue()));
                audit.record(who, ConsoleAccess.client(), "silence.create", "silence " + s.id(), null,
                        s.matchers() + " from " + s.start() + " until " + s.end(), why.getValue());
                draw();
            } catch (AccessDeniedException ex) {
                error.setText(t.t("notAllowed"));
            } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
            }
        });
        silence.addClassName("console-silence");
        Div form = new Div(what, length, why, silence, error);
        form.addClassName("console-silence-form");
        return form;
    }

    @Override
    public String getPageTitle() {
        return t.t("alerts") + " · " + t.t("console");
    }
}

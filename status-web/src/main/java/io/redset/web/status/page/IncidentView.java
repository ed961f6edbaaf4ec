package io.redset.web.status.page;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.redset.web.status.StatusProperties;
import io.redset.web.status.StatusService;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.StatusSnapshot;
import io.redset.web.ui.PublicPage;
import io.redset.web.ui.StatusTexts;

/** {@code /incidents/{id}}: one incident or maintenance with its whole timeline and postmortem. */
@AnonymousAllowed
@Route("incidents/:id")
class IncidentView extends PublicPage implements BeforeEnterObserver {

    private String id = "";

    IncidentView(StatusService status, StatusProperties properties) {
        super(status, properties);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        id = event.getRouteParameters().get("id").orElse("");
    }

    @Override
    protected String titleOf(StatusSnapshot snapshot, StatusTexts texts) {
        return snapshot.incident(id).map(i -> " \u2013 " + i.name()).orElse("");
    }

    @Override
    protected void content(Div main, StatusSnapshot s, StatusTexts texts) {
        Incident incident = s.incident(id).orElse(null);
        if (incident == null) {
            main.add(new H2(texts.t("notFound")));
            return;
        }
        main.add(IncidentCards.card(incident, s, texts, true));
        Paragraph started = new Paragraph(texts.t("started") + ": " + texts.time(incident.startedAt())
                + (incident.resolvedAt() == null ? "" : " \u00b7 " + texts.t("resolved") + ": " + texts.time(incident.resolvedAt())));
        started.addClassName("quiet");
        main.add(started);
    }
}

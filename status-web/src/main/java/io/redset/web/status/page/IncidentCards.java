package io.redset.web.status.page;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.NativeDetails;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentUpdate;
import io.redset.web.status.snapshot.StatusSnapshot;
import io.redset.web.ui.StatusTexts;

import java.util.List;

/** An incident or maintenance as an article: title, impact, latest update, and its timeline on demand. */
final class IncidentCards {

    private IncidentCards() {
    }

    static Div card(Incident i, StatusSnapshot s, StatusTexts texts, boolean timelineOpen) {
        Div article = new Div();
        article.getElement().setAttribute("role", "article");
        article.addClassNames("incident", "impact-" + i.impact().wireName());
        article.getElement().setAttribute("data-incident", i.id());
        H3 title = new H3(new Anchor("/incidents/" + i.id(), i.name()));
        title.addClassName("incident-title");
        article.getElement().setAttribute("aria-label", i.name());
        Span state = new Span(texts.incidentStatus(i.status()));
        state.addClassNames("incident-status", "incident-status-" + i.status().wireName());
        Span impact = new Span(texts.t("impact") + ": " + texts.impact(i.impact()));
        impact.addClassName("incident-impact");
        Div meta = new Div(state, impact);
        meta.addClassName("incident-meta");
        article.add(title, meta);
        if (i.isMaintenance()) {
            Paragraph window = new Paragraph(texts.t("window") + ": " + texts.timeOnly(i.scheduledFor()) + " \u2013 "
                    + texts.time(i.scheduledUntil()));
            window.addClassName("incident-window");
            article.add(window);
        }
        List<String> names = i.componentIds().stream()
                .map(id -> s.component(id).map(c -> c.name()).orElse(id)).toList();
        if (!names.isEmpty()) {
            Paragraph affects = new Paragraph(texts.t("affects") + ": " + String.join(", ", names));
            affects.addClassName("incident-affects");
            article.add(affects);
        }
        IncidentUpdate latest = i.latestUpdate();
        if (latest != null) {
            Div last = update(latest, texts);
            last.addClassName("latest-update");
            article.add(last);
        }
        if (i.updates().size() > 1 || timelineOpen) {
            OrderedList list = new OrderedList();
            list.addClassName("timeline");
            for (IncidentUpdate u : i.updates()) {
                list.add(new ListItem(update(u, texts)));
            }
            NativeDetails details = new NativeDetails(texts.t("timeline") + " (" + i.updates().size() + ")", list);
            details.addClassName("timeline-details");
            details.setOpen(timelineOpen);
            article.add(details);
        }
        if (i.postmortem() != null && timelineOpen) {
            Div pm = new Div(new H3(texts.t("postmortem")), new Paragraph(i.postmortem()));
            pm.addClassName("postmortem");
            article.add(pm);
        }
        return article;
    }

    /** A past incident as static HTML: title linking to its page, its status and latest update. */
    static String compactHtml(Incident i, StatusTexts texts) {
        StringBuilder h = new StringBuilder(512);
        h.append("<div role=\"article\" class=\"incident impact-").append(i.impact().wireName())
                .append("\" data-incident=\"").append(StatusSvg.esc(i.id())).append("\" aria-label=\"")
                .append(StatusSvg.esc(i.name())).append("\"><h4 class=\"incident-title\"><a href=\"/incidents/")
                .append(StatusSvg.esc(i.id())).append("\">").append(StatusSvg.esc(i.name())).append("</a></h4>")
                .append("<div class=\"incident-meta\"><span class=\"incident-status\">")
                .append(StatusSvg.esc(texts.incidentStatus(i.status()))).append("</span><span class=\"incident-impact\">")
                .append(StatusSvg.esc(texts.t("impact") + ": " + texts.impact(i.impact()))).append("</span></div>");
        IncidentUpdate latest = i.latestUpdate();
        if (latest != null) {
            h.append("<div class=\"update latest-update\"><p class=\"update-body\">").append(StatusSvg.esc(latest.body()))
                    .append("</p><span class=\"update-time\">").append(StatusSvg.esc(texts.time(latest.displayAt())))
                    .append("</span></div>");
        }
        return h.append("</div>").toString();
    }

    private static Div update(IncidentUpdate u, StatusTexts texts) {
        Span status = new Span(texts.incidentStatus(u.status()));
        status.addClassName("update-status");
        Span when = new Span(texts.time(u.displayAt()));
        when.addClassName("update-time");
        Paragraph body = new Paragraph(u.body());
        body.addClassName("update-body");
        Div d = new Div(status, body, when);
        d.addClassName("update");
        return d;
    }
}

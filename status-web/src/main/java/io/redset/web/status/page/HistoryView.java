package io.redset.web.status.page;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
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

import java.util.List;
import java.util.stream.Stream;

/** {@code /history?page=N}: every incident and maintenance kept in memory, newest first, ten a page. */
@AnonymousAllowed
@Route("history")
class HistoryView extends PublicPage implements BeforeEnterObserver {

    static final int PER_PAGE = 10;
    private int page = 1;

    HistoryView(StatusService status, StatusProperties properties) {
        super(status, properties);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        page = event.getLocation().getQueryParameters().getSingleParameter("page").map(p -> {
            try {
                return Math.max(1, Integer.parseInt(p));
            } catch (NumberFormatException e) {
                return 1;
            }
        }).orElse(1);
    }

    @Override
    protected String titleOf(StatusSnapshot snapshot, StatusTexts texts) {
        return " \u2013 " + texts.t("history");
    }

    @Override
    protected void content(Div main, StatusSnapshot s, StatusTexts texts) {
        main.add(new H2(texts.t("history")));
        List<Incident> all = Stream.concat(s.incidents().stream(), s.maintenances().stream())
                .sorted((a, b) -> b.createdAt().compareTo(a.createdAt())).toList();
        if (all.isEmpty()) {
            main.add(new Paragraph(texts.t("noHistory")));
            return;
        }
        int pages = (all.size() + PER_PAGE - 1) / PER_PAGE;
        int current = Math.min(page, pages);
        all.subList((current - 1) * PER_PAGE, Math.min(all.size(), current * PER_PAGE))
                .forEach(i -> main.add(IncidentCards.card(i, s, texts, false)));
        Nav pager = new Nav();
        pager.addClassName("pager");
        pager.getElement().setAttribute("aria-label", texts.f("pageOf", current, pages));
        if (current > 1) {
            pager.add(new Anchor("/history?page=" + (current - 1), "\u2190 " + texts.t("newer")));
        }
        pager.add(new Span(texts.f("pageOf", current, pages)));
        if (current < pages) {
            pager.add(new Anchor("/history?page=" + (current + 1), texts.t("older") + " \u2192"));
        }
        main.add(pager);
    }
}

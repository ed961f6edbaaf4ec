package io.redset.web.status.page;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Input;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.NativeDetails;
import com.vaadin.flow.component.html.NativeLabel;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.redset.engine.ClaimEngine;
import io.redset.engine.InvalidInputException;
import io.redset.engine.RejectedException;
import io.redset.engine.SetMode;
import io.redset.engine.SetView;
import io.redset.probes.ComponentStatus;
import io.redset.web.status.StatusProperties;
import io.redset.web.status.StatusService;
import io.redset.web.status.snapshot.ComponentGroup;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.PageComponent;
import io.redset.web.status.snapshot.StatusSnapshot;
import io.redset.web.status.snapshot.UptimeDay;
import io.redset.web.subscriptions.ComponentChoice;
import io.redset.web.subscriptions.SubscriptionDelivery;
import io.redset.web.subscriptions.SubscriptionService;
import io.redset.web.ui.PublicPage;
import io.redset.web.ui.StatusTexts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The public status page at {@code /}: the overall banner, active incidents (latest update, full
 * timeline on demand), maintenance in progress and upcoming, components by group with status (icon
 * and text), 90-day uptime bar and, for SETs, a response-time sparkline; then the incidents of the
 * last 14 days. Everything comes from the in-memory snapshot, so it answers while the control
 * database does not (and says since when its data is old).
 */
@AnonymousAllowed
@Route("")
class StatusView extends PublicPage {

    static final int PAST_DAYS = 14;

    private final SubscriptionService subscriptions;
    private final ClaimEngine engine;

    StatusView(StatusService status, StatusProperties properties, SubscriptionService subscriptions, ClaimEngine engine) {
        super(status, properties);
        this.subscriptions = subscriptions;
        this.engine = engine;
    }

    /** SETs not in NORMAL mode, by component id: read from the engine's memory, never from a database. */
    private Map<String, SetMode> unusualModes() {
        Map<String, SetMode> modes = new HashMap<>();
        for (SetView v : engine.sets()) {
            if (v.mode() != SetMode.NORMAL) {
                modes.put("set-" + v.set().tag(), v.mode());
            }
        }
        return modes;
    }

    @Override
    protected String titleOf(StatusSnapshot snapshot, StatusTexts texts) {
        return "";
    }

    @Override
    protected void content(Div main, StatusSnapshot s, StatusTexts texts) {
        Map<String, SetMode> modes = unusualModes();
        Div banner = new Div();
        banner.addClassNames("banner", "banner-" + s.indicator().wireName());
        banner.getElement().setAttribute("role", "status");
        Span icon = new Span(StatusTexts.icon(s.indicator()));
        icon.addClassName("icon");
        icon.getElement().setAttribute("aria-hidden", "true");
        banner.add(icon, new Span(texts.indicator(s.indicator())));
        main.add(banner);
        if (s.dataStale()) {
            Paragraph stale = new Paragraph(texts.f("staleData", texts.time(s.dataReadAt())));
            stale.addClassName("stale");
            stale.getElement().setAttribute("role", "alert");
            main.add(stale);
        }

        List<Incident> active = s.unresolvedIncidents();
        if (!active.isEmpty()) {
            Section section = section("active-incidents", texts.t("activeIncidents"));
            active.forEach(i -> section.add(IncidentCards.card(i, s, texts, false)));
            main.add(section);
        }
        List<Incident> maintenance = Stream.concat(s.activeMaintenances().stream(), s.upcomingMaintenances().stream()).toList();
        if (!maintenance.isEmpty()) {
            Section section = section("maintenance", texts.t("maintenance"));
            maintenance.forEach(m -> section.add(IncidentCards.card(m, s, texts, false)));
            main.add(section);
        }

        Section components = section("components", texts.t("components"));
        List<PageComponent> loose = new ArrayList<>();
        for (PageComponent c : s.components()) {
            if (c.groupId() == null) {
                loose.add(c);
            }
        }
        for (ComponentGroup g : s.groups()) {
            Div group = new Div();
            group.addClassName("component-group");
            H3 name = new H3(new Span(g.name()), badge(g.status(), texts));
            name.addClassName("group-title");
            group.add(name);
            StringBuilder list = new StringBuilder(8192).append("<ul class=\"component-list\">");
            for (String id : g.memberIds()) {
                s.component(id).filter(StatusView::visible).ifPresent(c -> list.append(rowHtml(c, s, texts, modes)));
            }
            group.add(new Html(list.append("</ul>").toString()));
            components.add(group);
        }
        if (!loose.isEmpty()) {
            StringBuilder list = new StringBuilder(8192).append("<ul class=\"component-list\">");
            loose.stream().filter(StatusView::visible).forEach(c -> list.append(rowHtml(c, s, texts, modes)));
            components.add(new Html(list.append("</ul>").toString()));
        }
        main.add(components);

        // static text: one node holding HTML keeps each anonymous session small
        Section past = section("past-incidents", texts.t("pastIncidents"));
        LocalDate today = LocalDate.ofInstant(s.builtAt(), texts.zone());
        StringBuilder html = new StringBuilder(4096).append("<div class=\"past-days\">");
        for (int k = 0; k < PAST_DAYS; k++) {
            LocalDate day = today.minusDays(k);
            html.append("<div class=\"past-day\"><h3>").append(StatusSvg.esc(texts.date(day))).append("</h3>");
            List<Incident> ofDay = Stream.concat(s.incidents().stream(), s.maintenances().stream()
                            .filter(m -> m.status().isClosed()))
                    .filter(i -> LocalDate.ofInstant(i.isMaintenance() ? i.scheduledFor() : i.createdAt(), texts.zone()).equals(day))
                    .toList();
            if (ofDay.isEmpty()) {
                html.append("<p class=\"quiet\">").append(StatusSvg.esc(texts.t("noIncidentsDay"))).append("</p>");
            } else {
                ofDay.forEach(i -> html.append(IncidentCards.compactHtml(i, texts)));
            }
            html.append("</div>");
        }
        past.add(new Html(html.append("</div>").toString()));
        main.add(past);
    }

    /** The subscribe form is kept across redraws: a visitor typing an address loses nothing to the polling. */
    @Override
    protected Component lasting(StatusSnapshot s, StatusTexts texts) {
        return subscriptions.offers(SubscriptionDelivery.Channel.WEBHOOK) || subscriptions.offers(SubscriptionDelivery.Channel.EMAIL)
                ? subscribeForm(s, texts) : null;
    }

    /**
     * E-mail address or webhook URL; a confirmation goes there first (double opt-in). Only the
     * webhook when the page has no mail server.
     */
    private Section subscribeForm(StatusSnapshot s, StatusTexts texts) {
        boolean email = subscriptions.offers(SubscriptionDelivery.Channel.EMAIL);
        Section section = section("subscribe", texts.t("subscribe"));
        Input target = new Input();
        target.setId("subscribe-target");
        target.setType("text");
        target.getElement().setAttribute("autocomplete", email ? "email" : "url");
        target.setPlaceholder(email ? "you@example.org / https://example.org/hook" : "https://example.org/hook");
        NativeLabel label = new NativeLabel(texts.t(email ? "subscribeLabel" : "subscribeLabelWebhook"));
        label.setFor(target);
        Paragraph result = new Paragraph();
        result.getElement().setAttribute("role", "status");
        result.addClassName("subscribe-result");
        ComponentChoice choice = new ComponentChoice(s, texts, List.of(), "subscribe-follow-");
        NativeDetails some = new NativeDetails(texts.t("subscribeSomeComponents"));
        some.setId("subscribe-components");
        some.getElement().appendChild(choice.element());
        NativeButton submit = new NativeButton(texts.t("subscribe"), e -> {
            String value = target.getValue() == null ? "" : target.getValue().trim();
            try {
                subscriptions.subscribe(value.startsWith("http://") || value.startsWith("https://")
                                ? SubscriptionDelivery.Channel.WEBHOOK : SubscriptionDelivery.Channel.EMAIL, value, choice.chosen(),
                        VaadinSession.getCurrent().getBrowser().getAddress());
                result.setText(texts.t("subscribeSent"));
                target.setValue("");
                choice.clear();
            } catch (InvalidInputException ex) {
                result.setText(texts.t(email ? "subscribeInvalid" : "subscribeInvalidWebhook"));
            } catch (RejectedException ex) {
                result.setText(texts.t("subscribeTooMany"));
            } catch (RuntimeException ex) {
                result.setText(texts.t("subscribeFailed"));
            }
        });
        submit.setId("subscribe-submit");
        Div row = new Div(target, submit);
        row.addClassName("subscribe-row");
        section.add(label, row, some, result);
        return section;
    }

    private static boolean visible(PageComponent c) {
        return !c.onlyShowIfDegraded() || c.status() != ComponentStatus.OPERATIONAL;
    }

    private static Section section(String id, String heading) {
        Section section = new Section();
        section.addClassName("status-section");
        section.setId(id);
        H2 h2 = new H2(heading);
        h2.setId(id + "-title");
        section.getElement().setAttribute("aria-labelledby", id + "-title");
        section.add(h2);
        return section;
    }

    /** One component as static HTML (one server-side node for the whole list keeps sessions small). */
    private static String rowHtml(PageComponent c, StatusSnapshot s, StatusTexts texts, Map<String, SetMode> modes) {
        StringBuilder h = new StringBuilder(16384);
        h.append("<li class=\"component\" data-component=\"").append(StatusSvg.esc(c.id())).append("\">")
                .append("<div class=\"component-head\"><span class=\"component-name\">").append(StatusSvg.esc(c.name()))
                .append("</span>").append(badgeHtml(c.status(), texts)).append("</div>");
        if (c.description() != null) {
            h.append("<p class=\"component-description\">").append(StatusSvg.esc(c.description())).append("</p>");
        }
        SetMode mode = modes.get(c.id());
        if (mode != null) {
            h.append("<p class=\"component-mode\">").append(StatusSvg.esc(texts.t("mode" + mode.name()))).append("</p>");
        }
        if (c.showcase()) {
            List<UptimeDay> days = s.uptime().getOrDefault(c.id(), List.of());
            if (!days.isEmpty()) {
                Double overall = StatusSvg.overall(days);
                h.append("<div class=\"uptime\">").append(StatusSvg.uptimeBar(c.name(), days, texts)).append("</div>")
                        .append("<div class=\"uptime-legend\" aria-hidden=\"true\"><span>")
                        .append(StatusSvg.esc(texts.t("daysAgo90"))).append("</span><span class=\"uptime-total\">")
                        .append(StatusSvg.esc(overall == null ? texts.t("uptimeNoData")
                                : texts.f("uptime90", StatusSvg.percent(overall, texts))))
                        .append("</span><span>").append(StatusSvg.esc(texts.t("today"))).append("</span></div>")
                        .append(StatusSvg.problemDays(days, texts));
            }
        }
        List<Double> latency = s.latency().get(c.id());
        if (latency != null) {
            h.append("<div class=\"spark\"><span>").append(StatusSvg.esc(texts.t("responseTime"))).append("</span>")
                    .append(StatusSvg.sparkline(c.name(), latency, texts)).append("</div>");
        }
        return h.append("</li>").toString();
    }

    static String badgeHtml(ComponentStatus st, StatusTexts texts) {
        return "<span class=\"badge badge-" + st.wireName() + "\"><span class=\"icon\" aria-hidden=\"true\">"
                + StatusTexts.icon(st) + "</span><span>" + StatusSvg.esc(texts.status(st)) + "</span></span>";
    }
}

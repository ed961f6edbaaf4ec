package io.redset.web.console;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.redset.alerts.Alert;
import io.redset.alerts.AlertState;
import io.redset.alerts.Alerts;
import io.redset.engine.ClaimEngine;
import io.redset.engine.SetId;
import io.redset.engine.SetView;
import io.redset.web.sets.SetAdministration;
import io.redset.web.status.StatusService;
import io.redset.web.status.snapshot.PageComponent;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.beans.factory.ObjectProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /console}: what an on-call engineer looks at first. Firing alerts on top, then one tile per
 * SET with its mode (and who switched it, when and why), the status the public page shows for it,
 * its circuit, queued claims, envelopes in memory and claim limit. Redrawn every five seconds
 * while open. Every text from elsewhere (labels, reasons, names) is set as text, never as HTML.
 */
@RolesAllowed("VIEWER")
@Route(value = "console", layout = ConsoleLayout.class)
public class OverviewView extends Div implements HasDynamicTitle {

    static final int POLL_MILLIS = 5_000;

    private final ClaimEngine engine;
    private final StatusService status;
    private final SetAdministration sets;
    private final ObjectProvider<Alerts> alerts;
    private final SetTraffic traffic;
    private final ConsoleTexts t = ConsoleTexts.current();
    private Registration poll;

    public OverviewView(ClaimEngine engine, StatusService status, SetAdministration sets, ObjectProvider<Alerts> alerts,
                        SetTraffic traffic) {
        this.traffic = traffic;
        this.engine = engine;
        this.status = status;
        this.sets = sets;
        this.alerts = alerts;
        addClassName("console-overview");
        draw();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(POLL_MILLIS);
        poll = event.getUI().addPollListener(e -> draw());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (poll != null) {
            poll.remove();
        }
        event.getUI().setPollInterval(-1);
    }

    private void draw() {
        removeAll();
        add(new H1(t.t("overview")));
        add(firing());
        Div tiles = new Div();
        tiles.addClassName("console-tiles");
        TreeMap<String, PageComponent> components = new TreeMap<>();
        status.snapshot().components().forEach(c -> components.put(c.id(), c));
        Map<SetId, SetAdministration.ModeReturn> returns = new HashMap<>();
        sets.pendingReturns().forEach(r -> returns.put(r.set(), r));
        for (SetView v : engine.sets()) {
            Section tile = tile(v, components.get("set-" + v.set().tag()));
            SetAdministration.ModeReturn r = returns.get(v.set());
            if (r != null) {
                tile.add(ModeReturnText.of(t, r, engine.config().clock().instant()));
            }
            tiles.add(tile);
        }
        add(tiles);
    }

    private Section firing() {
        Section s = new Section(new H2(t.t("firing")));
        s.addClassName("console-firing");
        Alerts a = alerts.getIfAvailable();
        if (a == null) {
            s.add(new Paragraph(t.t("alertsOff")));
            return s;
        }
        List<Alert> firing = a.alerts().stream().filter(x -> x.state() == AlertState.FIRING).toList();
        if (firing.isEmpty()) {
            s.add(new Paragraph(t.t("noFiring")));
            return s;
        }
        UnorderedList list = new UnorderedList();
        for (Alert x : firing) {
            ListItem item = new ListItem();
            item.add(new Span(x.alertname()), new Span(" " + ConsoleTexts.labels(x.labels())));
            String summary = x.annotations().get("summary");
            if (summary != null) {
                item.add(new Paragraph(summary));
            }
            if (x.ack() != null) {
                item.add(new Paragraph(t.t("acked", x.ack().by(), x.ack().comment())));
            }
            list.add(item);
        }
        s.add(list);
        return s;
    }

    private Section tile(SetView v, PageComponent component) {
        Section tile = new Section();
        tile.addClassName("console-tile");
        tile.getElement().setAttribute("data-set", v.set().tag());
        tile.add(new H2("SET " + v.set().tag()));
        tile.add(fact(t.t("mode"), v.mode().name(), "mode"));
        if (component != null) {
            tile.add(fact(t.t("component"), component.status().wireName(), "component"));
        }
        if (!v.owned()) {
            tile.add(new Paragraph(t.t("notServed")));
        } else {
            tile.add(fact(t.t("circuit"), v.circuitState(), "circuit"));
            tile.add(fact(t.t("queued"), Integer.toString(v.queuedClaims()), "queued"));
            tile.add(fact(t.t("cached"), Integer.toString(v.cachedEnvelopes()), "cached"));
            tile.add(fact(t.t("claimLimit"), t.t("perSecond", v.effectiveLimits().claimPerSecond()), "claim-limit"));
            SetTraffic.Summary s = traffic.of(v.set());
            tile.add(fact(t.t("requestsPerSecond"), String.format(Locale.ROOT, "%.1f", s.requestsPerSecond()), "requests"));
            tile.add(fact(t.t("claimsPerSecond"), String.format(Locale.ROOT, "%.1f", s.claimsPerSecond()), "claims"));
            tile.add(fact(t.t("errorRatio"), ratio(s.errorRatio()), "errors"));
            tile.add(fact(t.t("rejectionRatio"), ratio(s.rejectionRatio()), "rejections"));
            tile.add(fact(t.t("p99"), s.p99() == null ? t.t("noTraffic") : s.p99(), "p99"));
            Html chart = new Html("<div class=\"console-chart-box\">"
                    + TrafficSvg.claimsLine(t.t("chartLabel", v.set().tag()), s.claimsPerSecondSeries()) + "</div>");
            tile.add(chart);
        }
        if (v.lastChange() != null) {
            Paragraph last = new Paragraph(t.t("lastChange", ConsoleTexts.time(v.lastChange().at()), v.lastChange().actor(), v.lastChange().reason()));
            last.addClassName("console-muted");
            tile.add(last);
        }
        return tile;
    }

    private String ratio(Double r) {
        return r == null ? t.t("noTraffic") : String.format(Locale.ROOT, "%.2f %%", r * 100);
    }

    private static Paragraph fact(String label, String value, String name) {
        Span v = new Span(value);
        v.getElement().setAttribute("data-fact", name);
        Paragraph p = new Paragraph(new Span(label + ": "), v);
        p.addClassName("console-fact");
        return p;
    }

    @Override
    public String getPageTitle() {
        return t.t("overview") + " · " + t.t("console");
    }
}

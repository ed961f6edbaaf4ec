package io.redset.web.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Footer;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.shared.Registration;
import io.redset.web.status.StatusProperties;
import io.redset.web.status.StatusService;
import io.redset.web.status.snapshot.StatusSnapshot;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * The frame of every public page: header (name, navigation, language and colour switches), main
 * content from the current {@link StatusSnapshot}, footer (last update, feeds, API). Language comes
 * from the browser (Accept-Language) until the visitor switches; times are shown in the browser's
 * zone once it is known. The page polls every {@code redset.status.poll-interval} and redraws only
 * when the snapshot changed. Anonymous state is three small session attributes.
 */
public abstract class PublicPage extends Div implements HasDynamicTitle {

    static final String LANG = "redset.status.lang";
    static final String ZONE = "redset.status.zone";
    static final String SCHEME = "redset.status.scheme";

    protected final StatusService status;
    private final StatusProperties properties;
    private Registration poll;
    private long renderedVersion = -1;
    private String renderedKey = "";
    private String renderedFrame = "";
    private Div dynamic;
    private Header headerPart;
    private Footer footerPart;

    protected PublicPage(StatusService status, StatusProperties properties) {
        this.status = status;
        this.properties = properties;
        addClassName("status-page");
    }

    /** Fills the part of the main landmark that follows the snapshot (drawn again when it changes). */
    protected abstract void content(Div main, StatusSnapshot snapshot, StatusTexts texts);

    /**
     * A part of the main landmark after the content that is drawn once per language and colour
     * scheme and kept while the content is redrawn (a form the visitor may be typing into); null: none.
     */
    protected Component lasting(StatusSnapshot snapshot, StatusTexts texts) {
        return null;
    }

    /** The page's own title, after the site name. */
    protected abstract String titleOf(StatusSnapshot snapshot, StatusTexts texts);

    @Override
    public String getPageTitle() {
        StatusSnapshot s = status.snapshot();
        return s.page().name() + " " + texts(s).t("title") + titleOf(s, texts(s));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        if (redrawsOnChange()) {
            ui.setPollInterval((int) properties.pollInterval().toMillis());
            poll = ui.addPollListener(e -> redrawIfChanged());
        } else {
            ui.setPollInterval(-1);
        }
        render();
        applyDocumentSettings(ui);
        if (VaadinSession.getCurrent().getAttribute(ZONE) == null) {
            ui.getPage().retrieveExtendedClientDetails(details -> {
                try {
                    ZoneId zone = ZoneId.of(details.getTimeZoneId());
                    VaadinSession.getCurrent().setAttribute(ZONE, zone.getId());
                    render();
                } catch (DateTimeException | NullPointerException e) {
                    // keep the page's zone
                }
            });
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (poll != null) {
            poll.remove();
            poll = null;
        }
    }

    /** False for pages with a form: a poll must not wipe what the visitor is typing or ticking. */
    protected boolean redrawsOnChange() {
        return true;
    }

    private void redrawIfChanged() {
        StatusSnapshot s = status.snapshot();
        if (s.version() != renderedVersion) {
            render();
        }
    }

    /** Draws the page again even when nothing in the snapshot changed (after a button changed the view's state). */
    protected final void rerender() {
        renderedKey = "";
        render();
    }

    /**
     * Draws the page: all of it when the language, colours or page name changed, else only
     * the header, the snapshot-driven content and the footer (the {@link #lasting} part stays).
     */
    protected final void render() {
        StatusSnapshot s = status.snapshot();
        StatusTexts texts = texts(s);
        String key = s.version() + "/" + texts.lang() + "/" + texts.zone();
        if (key.equals(renderedKey)) {
            return;
        }
        renderedKey = key;
        renderedVersion = s.version();
        // the zone is not part of the frame: it arrives from the browser after the first drawing and
        // changes only times, which are in the redrawn parts
        String frame = texts.lang() + "/" + VaadinSession.getCurrent().getAttribute(SCHEME) + "/" + s.page().name() + "/"
                + s.page().logoText();
        if (dynamic != null && frame.equals(renderedFrame)) {
            dynamic.removeAll();
            content(dynamic, s, texts);
            Header h = header(s, texts);
            replace(headerPart, h);
            headerPart = h;
            Footer f = footer(s, texts);
            replace(footerPart, f);
            footerPart = f;
            return;
        }
        renderedFrame = frame;
        removeAll();
        Anchor skip = new Anchor("#main", texts.lang() == StatusTexts.Lang.ZH ? "跳到主要内容" : "Skip to content");
        skip.addClassName("skip-link");
        Main main = new Main();
        main.setId("main");
        main.addClassName("status-main");
        dynamic = new Div();
        dynamic.addClassName("status-content");
        content(dynamic, s, texts);
        main.add(dynamic);
        Component kept = lasting(s, texts);
        if (kept != null) {
            main.add(kept);
        }
        headerPart = header(s, texts);
        footerPart = footer(s, texts);
        add(skip, headerPart, main, footerPart);
    }

    private Header header(StatusSnapshot s, StatusTexts texts) {
        Anchor home = new Anchor("/", s.page().logoText());
        home.addClassName("brand");
        H1 title = new H1();
        title.add(home, new Span(" " + texts.t("title")));
        title.addClassName("status-title");

        Nav nav = new Nav();
        nav.getElement().setAttribute("aria-label", texts.t("nav"));
        nav.addClassName("status-nav");
        nav.add(new Anchor("/", texts.t("backToStatus")), new Anchor("/history", texts.t("history")));

        NativeButton language = new NativeButton(texts.t("switchLanguage"), e -> {
            VaadinSession.getCurrent().setAttribute(LANG, texts.lang() == StatusTexts.Lang.ZH ? "en" : "zh");
            render();
            applyDocumentSettings(UI.getCurrent());
        });
        language.setId("language-switch");
        language.getElement().setAttribute("aria-label", texts.t("switchLanguageLabel"));
        language.getElement().setAttribute("lang", texts.lang() == StatusTexts.Lang.ZH ? "en" : "zh-CN");

        boolean dark = "dark".equals(VaadinSession.getCurrent().getAttribute(SCHEME));
        NativeButton scheme = new NativeButton(dark ? texts.t("light") : texts.t("dark"), e -> {
            VaadinSession.getCurrent().setAttribute(SCHEME, dark ? "light" : "dark");
            renderedKey = "";
            render();
            applyDocumentSettings(UI.getCurrent());
        });
        scheme.setId("scheme-switch");
        scheme.getElement().setAttribute("aria-label", texts.t("themeLabel"));
        scheme.getElement().setAttribute("aria-pressed", String.valueOf(dark));

        Div controls = new Div(language, scheme);
        controls.addClassName("status-controls");
        Header header = new Header(title, nav, controls);
        header.addClassName("status-header");
        return header;
    }

    private Footer footer(StatusSnapshot s, StatusTexts texts) {
        Paragraph updated = new Paragraph(texts.f("lastUpdated", texts.time(s.builtAt()))
                + (redrawsOnChange() ? " " + texts.f("refreshNote", Math.max(1, properties.pollInterval().toSeconds())) : ""));
        updated.addClassName("updated");
        Div links = new Div(new Anchor("/history.atom", "Atom"), new Anchor("/history.rss", "RSS"),
                new Anchor("/api/v2/summary.json", texts.t("api")));
        links.addClassName("footer-links");
        Footer footer = new Footer(updated, links);
        footer.addClassName("status-footer");
        return footer;
    }

    private void applyDocumentSettings(UI ui) {
        StatusTexts texts = texts(status.snapshot());
        Object scheme = VaadinSession.getCurrent().getAttribute(SCHEME);
        ui.getPage().executeJs("document.documentElement.lang=$0;"
                        + "document.documentElement.style.colorScheme=$1;"
                        + "document.documentElement.setAttribute('data-scheme',$2)",
                texts.lang().tag, scheme == null ? "light dark" : scheme.toString(), scheme == null ? "auto" : scheme.toString());
    }

    protected StatusTexts texts(StatusSnapshot s) {
        VaadinSession session = VaadinSession.getCurrent();
        Object lang = session.getAttribute(LANG);
        StatusTexts.Lang l;
        if (lang == null) {
            VaadinRequest request = VaadinRequest.getCurrent();
            l = StatusTexts.Lang.of(request == null ? null : request.getLocale());
            session.setAttribute(LANG, l == StatusTexts.Lang.ZH ? "zh" : "en");
        } else {
            l = "zh".equals(lang) ? StatusTexts.Lang.ZH : StatusTexts.Lang.EN;
        }
        Object zone = session.getAttribute(ZONE);
        ZoneId z = s.page().timeZone();
        if (zone != null) {
            try {
                z = ZoneId.of(zone.toString());
            } catch (DateTimeException ignored) {
                // the page's zone
            }
        }
        return new StatusTexts(l, z);
    }

    protected static Component badge(io.redset.probes.ComponentStatus st, StatusTexts texts) {
        Span icon = new Span(StatusTexts.icon(st));
        icon.addClassName("icon");
        icon.getElement().setAttribute("aria-hidden", "true");
        Span badge = new Span(icon, new Span(texts.status(st)));
        badge.addClassNames("badge", "badge-" + st.wireName());
        return badge;
    }
}

package io.redset.web.console;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.redset.web.security.ConsoleRole;
import jakarta.annotation.security.PermitAll;

/**
 * The frame of every console view: the console's name, navigation (the views the user's role may
 * open; the server checks again on every view and action), who is signed in, sign-out, and the
 * view in a main landmark. Any signed-in console user may see the frame.
 */
@PermitAll
public class ConsoleLayout extends Div implements RouterLayout {

    private final Main main = new Main();

    public ConsoleLayout(AuthenticationContext auth) {
        ConsoleTexts t = ConsoleTexts.current();
        addClassNames("status-page", "console");
        getElement().setAttribute("lang", t.lang());
        ConsoleRole role = ConsoleAccess.role(auth);
        Nav nav = new Nav();
        nav.addClassName("status-nav");
        nav.getElement().setAttribute("aria-label", t.t("console"));
        nav.add(link("console", t.t("overview")), link("console/alerts", t.t("alerts")), link("console/incidents", t.t("incidents")),
                link("console/maintenance", t.t("maintenance")));
        if (role.includes(ConsoleRole.ONCALL)) {
            nav.add(link("console/notifications", t.t("notifications")));
        }
        if (role.includes(ConsoleRole.ADMIN)) {
            nav.add(link("console/sets", t.t("sets")), link("console/users", t.t("users")), link("console/audit", t.t("audit")));
        }
        nav.add(link("console/account", t.t("account")), link("", t.t("publicPage")));
        NativeButton signOut = new NativeButton(t.t("signOut"), e -> auth.logout());
        signOut.addClassName("console-signout");
        Span who = new Span(t.t("signedInAs", auth.getPrincipalName().orElse("?"), role.name()));
        who.addClassName("console-who");
        Header header = new Header(new Span(t.t("console")), nav, new Div(who, signOut));
        header.addClassNames("status-header", "console-header");
        main.addClassName("console-main");
        main.setId("main");
        add(header, main);
    }

    private static Anchor link(String path, String text) {
        Anchor a = new Anchor(path, text);
        a.getElement().setAttribute("router-link", true);
        return a;
    }

    @Override
    public void showRouterLayoutContent(HasElement content) {
        main.removeAll();
        if (content != null) {
            main.getElement().appendChild(content.getElement());
        }
    }

    @Override
    public void removeRouterLayoutContent(HasElement oldContent) {
        main.removeAll();
    }
}

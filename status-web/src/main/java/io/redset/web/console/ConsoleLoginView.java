package io.redset.web.console;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import java.util.List;
import java.util.Map;

/**
 * {@code /console/login}: the console's sign-in. The form posts to Spring Security's form login at
 * the same path (CSRF token included by Vaadin's security configuration); a failure comes back as
 * {@code ?error}, a refusal of the failed-login throttle as {@code ?throttled}, a sign-out as
 * {@code ?logout}. Anyone may open it; nothing here reads the control database.
 */
@AnonymousAllowed
@Route("console/login")
public class ConsoleLoginView extends Main implements BeforeEnterObserver, HasDynamicTitle {

    static final String PATH = "console/login";

    private final LoginForm form = new LoginForm();
    private final Paragraph note = new Paragraph();
    private final ConsoleTexts texts = ConsoleTexts.current();

    public ConsoleLoginView() {
        addClassNames("status-page", "console-login");
        getElement().setAttribute("lang", texts.lang());
        form.setI18n(i18n("badLogin", "badLoginDetail"));
        // relative to the <base href> Vaadin writes (the servlet root), so this is /console/login
        form.setAction(PATH);
        form.setForgotPasswordButtonVisible(false);
        note.addClassName("console-note");
        note.setVisible(false);
        add(form, note, new Anchor("/", texts.t("publicPage")));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> q = event.getLocation().getQueryParameters().getParameters();
        if (q.containsKey("throttled")) {
            form.setI18n(i18n("throttled", "throttledDetail"));
            form.setError(true);
        } else if (q.containsKey("error")) {
            form.setError(true);
        } else if (q.containsKey("logout")) {
            note.setText(texts.t("signedOut"));
            note.setVisible(true);
        }
    }

    private LoginI18n i18n(String errorTitle, String errorMessage) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(texts.t("console"));
        i18n.getForm().setUsername(texts.t("username"));
        i18n.getForm().setPassword(texts.t("password"));
        i18n.getForm().setSubmit(texts.t("signIn"));
        i18n.getErrorMessage().setTitle(texts.t(errorTitle));
        i18n.getErrorMessage().setMessage(texts.t(errorMessage));
        return i18n;
    }

    @Override
    public String getPageTitle() {
        return texts.t("signIn") + " · " + texts.t("console");
    }
}

package io.redset.web.console.account;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.redset.engine.RedSetException;
import io.redset.web.console.ConsoleLayout;
import io.redset.web.console.ConsoleTexts;
import io.redset.web.users.UserAdmin;
import jakarta.annotation.security.RolesAllowed;

/**
 * {@code /console/account} (any console user): who am I, and change my own password with the
 * current one (through {@link UserAdmin}, audited without the password).
 */
@RolesAllowed("VIEWER")
@Route(value = "console/account", layout = ConsoleLayout.class)
public class AccountView extends Div implements HasDynamicTitle {

    private final ConsoleTexts t = ConsoleTexts.current();

    public AccountView(UserAdmin users, AuthenticationContext auth) {
        addClassName("console-account");
        String me = auth.getPrincipalName().orElseThrow();
        PasswordField current = new PasswordField(t.t("currentPassword"));
        current.addClassName("console-current-password");
        PasswordField next = new PasswordField(t.t("newPassword"));
        next.setMaxLength(200);
        next.addClassName("console-new-password");
        Paragraph message = new Paragraph();
        message.getElement().setAttribute("role", "status");
        message.addClassName("console-message");
        NativeButton change = new NativeButton(t.t("changePassword"), e -> {
            try {
                // the signed-in user, never a name from the page: one can only change one's own
                users.changeOwnPassword(auth.getPrincipalName().orElseThrow(), current.getValue(), next.getValue());
                current.clear();
                next.clear();
                message.setText(t.t("passwordChanged"));
            } catch (RedSetException ex) {
                message.setText(ex.getMessage());
            }
        });
        change.addClassName("console-switch");
        Div form = new Div(current, next, change);
        form.addClassName("console-tile");
        add(new H1(t.t("account")), new Paragraph(me), message, form);
    }

    @Override
    public String getPageTitle() {
        return t.t("account") + " · " + t.t("console");
    }
}

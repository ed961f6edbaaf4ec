package io.redset.web.console.users;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.redset.engine.InvalidInputException;
import io.redset.engine.RedSetException;
import io.redset.web.console.ConsoleAccess;
import io.redset.web.console.ConsoleLayout;
import io.redset.web.console.ConsoleTexts;
import io.redset.web.security.ConsoleRole;
import io.redset.web.users.UserAdmin;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

/**
 * {@code /console/users} (ADMIN): the console users with role and state; create one (the generated
 * password is shown once), change a role, disable or enable, reset a password. Through
 * {@link UserAdmin}, like the API: audited, and never leaving the console without an enabled ADMIN.
 */
@RolesAllowed("ADMIN")
@Route(value = "console/users", layout = ConsoleLayout.class)
public class UsersView extends Div implements HasDynamicTitle {

    private final UserAdmin users;
    private final AuthenticationContext auth;
    private final ConsoleTexts t = ConsoleTexts.current();
    private final Paragraph message = new Paragraph();

    public UsersView(UserAdmin users, AuthenticationContext auth) {
        this.users = users;
        this.auth = auth;
        addClassName("console-users");
        message.getElement().setAttribute("role", "status");
        message.addClassName("console-message");
        draw();
    }

    private void draw() {
        removeAll();
        add(new H1(t.t("users")), message, newUserForm(), table());
    }

    private Div newUserForm() {
        TextField name = new TextField(t.t("username"));
        name.setMaxLength(64);
        name.addClassName("console-new-username");
        Select<ConsoleRole> role = new Select<>();
        role.setLabel(t.t("role"));
        role.setItems(ConsoleRole.values());
        role.setValue(ConsoleRole.VIEWER);
        role.addClassName("console-new-role");
        NativeButton create = new NativeButton(t.t("create"), e -> act(() -> {
            UserAdmin.Created c = users.create(name.getValue().strip(), role.getValue(), null, null);
            draw();
            message.setText(t.t("passwordOnce", c.user().username(), c.password()));
        }));
        create.addClassName("console-switch");
        Div form = new Div(new H2(t.t("newUser")), name, role, create);
        form.addClassNames("console-tile", "console-new-user");
        return form;
    }

    private NativeTable table() {
        NativeTable table = new NativeTable();
        table.addClassName("console-table");
        NativeTableRow h = new NativeTableRow();
        for (String key : new String[]{"username", "role", "state", "created", "actions"}) {
            h.add(new NativeTableHeaderCell(t.t(key)));
        }
        NativeTableHeader head = new NativeTableHeader();
        head.add(h);
        NativeTableBody body = new NativeTableBody();
        for (UserAdmin.UserView u : users.list()) {
            NativeTableRow r = new NativeTableRow();
            r.getElement().setAttribute("data-user", u.username());
            Select<ConsoleRole> role = new Select<>();
            role.setItems(ConsoleRole.values());
            role.setValue(u.role());
            role.setAriaLabel(t.t("role") + " " + u.username());
            NativeButton save = new NativeButton(t.t("save"), e -> act(() -> {
                users.change(u.username(), role.getValue(), null, null);
                draw();
            }));
            NativeButton toggle = new NativeButton(u.enabled() ? t.t("disable") : t.t("enable"), e -> act(() -> {
                if (u.enabled() && u.username().equals(auth.getPrincipalName().orElse(""))) {
                    throw new InvalidInputException("enabled", "cannot be false for yourself: ask another admin");
                }
                users.change(u.username(), null, !u.enabled(), null);
                draw();
            }));
            NativeButton reset = new NativeButton(t.t("resetPassword"), e -> act(() -> {
                String password = users.resetPassword(u.username(), null, null).orElseThrow();
                draw();
                message.setText(t.t("passwordOnce", u.username(), password));
            }));
            for (NativeButton b : new NativeButton[]{save, toggle, reset}) {
                b.addClassName("console-switch");
            }
            r.add(new NativeTableCell(u.username()), new NativeTableCell(role), new NativeTableCell(u.enabled() ? t.t("enabled") : t.t("disabled")),
                    new NativeTableCell(ConsoleTexts.time(u.createdAt())), new NativeTableCell(save, toggle, reset));
            body.add(r);
        }
        table.add(head, body);
        return table;
    }

    /** Runs an admin action after checking the role on the server; refusals are shown, not thrown. */
    private void act(Runnable action) {
        try {
            ConsoleAccess.require(auth, ConsoleRole.ADMIN);
            action.run();
        } catch (AccessDeniedException e) {
            message.setText(t.t("notAllowed"));
        } catch (RedSetException e) {
            message.setText(e.getMessage());
        }
    }

    @Override
    public String getPageTitle() {
        return t.t("users") + " · " + t.t("console");
    }
}

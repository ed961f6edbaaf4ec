package io.redset.web.console.notifications;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.redset.alerts.Alerts;
import io.redset.alerts.OutboxEntry;
import io.redset.web.console.ConsoleAccess;
import io.redset.web.console.ConsoleLayout;
import io.redset.web.console.ConsoleTexts;
import io.redset.web.security.ConsoleRole;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;

import java.util.List;

/**
 * {@code /console/notifications} (ONCALL+): the newest 200 rows of the outbox (alert notifications
 * and subscriber messages) with their state, attempts and last error; subscriber targets masked
 * except for admins, as in the API. "Deliver due rows now" runs the senders at once instead of
 * waiting for their poll.
 */
@RolesAllowed("ONCALL")
@Route(value = "console/notifications", layout = ConsoleLayout.class)
public class NotificationsView extends Div implements HasDynamicTitle {

    static final int ROWS = 200;

    private final ObjectProvider<Alerts> alerts;
    private final AuthenticationContext auth;
    private final ConsoleTexts t = ConsoleTexts.current();
    private final Paragraph message = new Paragraph();

    public NotificationsView(ObjectProvider<Alerts> alerts, AuthenticationContext auth) {
        this.alerts = alerts;
        this.auth = auth;
        addClassName("console-notifications");
        message.getElement().setAttribute("role", "status");
        message.addClassName("console-message");
        draw();
    }

    private void draw() {
        removeAll();
        add(new H1(t.t("notifications")), message);
        Alerts a = alerts.getIfAvailable();
        if (a == null) {
            add(new Paragraph(t.t("alertsOff")));
            return;
        }
        NativeButton deliver = new NativeButton(t.t("deliverNow"), e -> {
            try {
                ConsoleAccess.require(auth, ConsoleRole.ONCALL);
                int n = a.deliverDue();
                draw();
                message.setText(t.t("delivered", n));
            } catch (AccessDeniedException ex) {
                message.setText(t.t("notAllowed"));
            }
        });
        deliver.addClassName("console-switch");
        add(deliver);
        boolean admin = ConsoleAccess.role(auth).includes(ConsoleRole.ADMIN);
        List<OutboxEntry> rows = a.outbox(ROWS).stream().map(r -> admin ? r : r.masked()).toList();
        if (rows.isEmpty()) {
            add(new Paragraph(t.t("noNotifications")));
            return;
        }
        NativeTable table = new NativeTable();
        table.addClassName("console-table");
        NativeTableRow h = new NativeTableRow();
        for (String key : new String[]{"when", "receiver", "event", "target", "state", "attempts", "lastError"}) {
            h.add(new NativeTableHeaderCell(t.t(key)));
        }
        NativeTableHeader head = new NativeTableHeader();
        head.add(h);
        NativeTableBody body = new NativeTableBody();
        for (OutboxEntry r : rows) {
            NativeTableRow row = new NativeTableRow();
            row.add(new NativeTableCell(ConsoleTexts.time(r.createdAt())), new NativeTableCell(r.receiver()),
                    new NativeTableCell(r.event()), new NativeTableCell(r.target() == null ? "—" : r.target()),
                    new NativeTableCell(r.status()), new NativeTableCell(Integer.toString(r.attempts())),
                    new NativeTableCell(r.lastError() == null ? "—" : r.lastError()));
            body.add(row);
        }
        table.add(head, body);
        add(table);
    }

    @Override
    public String getPageTitle() {
        return t.t("notifications") + " · " + t.t("console");
    }
}

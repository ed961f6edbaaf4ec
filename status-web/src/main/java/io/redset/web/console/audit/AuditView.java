package io.redset.web.console.audit;

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
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.redset.engine.RedSetException;
import io.redset.web.audit.AuditEntry;
import io.redset.web.audit.AuditLog;
import io.redset.web.console.ConsoleLayout;
import io.redset.web.console.ConsoleTexts;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;

/**
 * {@code /console/audit} (ADMIN): the newest 200 rows of the audit trail, filtered by action (or
 * family: {@code set}) and actor. Every value is shown as text.
 */
@RolesAllowed("ADMIN")
@Route(value = "console/audit", layout = ConsoleLayout.class)
public class AuditView extends Div implements HasDynamicTitle {

    static final int ROWS = 200;

    private final AuditLog audit;
    private final ConsoleTexts t = ConsoleTexts.current();
    private final TextField action = new TextField();
    private final TextField actor = new TextField();
    private final Div results = new Div();

    public AuditView(AuditLog audit) {
        this.audit = audit;
        addClassName("console-audit");
        action.setLabel(t.t("filter"));
        action.setMaxLength(64);
        actor.setLabel(t.t("actor"));
        actor.setMaxLength(200);
        NativeButton apply = new NativeButton(t.t("apply"), e -> draw());
        apply.addClassName("console-switch");
        Div filters = new Div(action, actor, apply);
        filters.addClassName("console-filters");
        add(new H1(t.t("audit")), filters, results);
        draw();
    }

    private void draw() {
        results.removeAll();
        List<AuditEntry> rows;
        try {
            rows = audit.find(new AuditLog.AuditQuery(blankToNull(actor.getValue()), blankToNull(action.getValue()), null,
                    null, null, null, ROWS));
        } catch (RedSetException e) {
            results.add(new Paragraph(e.getMessage()));
            return;
        }
        if (rows.isEmpty()) {
            results.add(new Paragraph(t.t("noRows")));
            return;
        }
        NativeTable table = new NativeTable();
        table.addClassName("console-table");
        NativeTableHeader head = new NativeTableHeader();
        NativeTableRow h = new NativeTableRow();
        for (String key : new String[]{"when", "who", "what", "target", "change", "reason", "client"}) {
            h.add(new NativeTableHeaderCell(t.t(key.equals("reason") ? "reasonShort" : key)));
        }
        head.add(h);
        NativeTableBody body = new NativeTableBody();
        for (AuditEntry e : rows) {
            NativeTableRow r = new NativeTableRow();
            r.add(new NativeTableCell(ConsoleTexts.time(e.at())), new NativeTableCell(e.actor()), new NativeTableCell(e.action()),
                    new NativeTableCell(e.target()),
                    new NativeTableCell(nullToDash(e.before()) + " → " + nullToDash(e.after())),
                    new NativeTableCell(nullToDash(e.reason())), new NativeTableCell(nullToDash(e.client())));
            body.add(r);
        }
        table.add(head, body);
        results.add(table);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nullToDash(String s) {
        return s == null ? "—" : s;
    }

    @Override
    public String getPageTitle() {
        return t.t("audit") + " · " + t.t("console");
    }
}

package io.redset.web.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Footer;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.redset.engine.ClaimEngine;
import io.redset.engine.SetView;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The public status page at {@code /}: every SET with its mode and the state of its database.
 * Anonymous, read from the engine's memory, so it answers even when a SET database does not.
 * Landmarks (header, main, footer) and a real table with a caption keep it usable with a screen
 * reader; status is written out, colour only repeats it.
 */
@Route("")
@PageTitle("RedSet status")
class StatusView extends Div {

    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    StatusView(ClaimEngine engine) {
        addClassName("status-page");
        List<SetView> sets = engine.sets();

        Header header = new Header(new H1("RedSet status"), summary(sets));
        header.addClassName("status-header");

        NativeTable table = new NativeTable();
        table.addClassName("status-table");
        table.setCaptionText("SETs");
        NativeTableRow head = table.getHead().addRow();
        for (String title : List.of("SET", "Mode", "Status", "Database")) {
            NativeTableHeaderCell cell = head.addHeaderCell();
            cell.setText(title);
            cell.getElement().setAttribute("scope", "col");
        }
        for (SetView set : sets) {
            NativeTableRow row = table.getBody().addRow();
            NativeTableHeaderCell name = row.addHeaderCell();
            name.setText("SET " + set.set().tag());
            name.getElement().setAttribute("scope", "row");
            row.addDataCell().setText(set.mode().name());
            Span mode = new Span(StatusWording.mode(set.mode()));
            mode.addClassNames("status", "status-" + StatusWording.severity(set));
            row.addDataCell().add(mode);
            NativeTableCell database = row.addDataCell();
            database.setText(StatusWording.database(set));
        }

        Main main = new Main(table);
        main.addClassName("status-main");
        Footer footer = new Footer(new Paragraph("Updated "
                + ZonedDateTime.now(engine.config().clock()).withZoneSameInstant(engine.config().zone()).format(UPDATED)
                + ". Reload the page to refresh."));
        footer.addClassName("status-footer");
        add(header, main, footer);
    }

    private static Paragraph summary(List<SetView> sets) {
        Paragraph p = new Paragraph(StatusWording.summary(sets));
        p.addClassName("status-summary");
        return p;
    }
}

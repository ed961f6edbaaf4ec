package io.redset.web.console.sets;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.redset.engine.ClaimEngine;
import io.redset.engine.RedSetException;
import io.redset.engine.SetLimits;
import io.redset.engine.SetMode;
import io.redset.engine.SetView;
import io.redset.web.console.ConsoleAccess;
import io.redset.web.console.ConsoleLayout;
import io.redset.web.console.ConsoleTexts;
import io.redset.web.console.ModeReturnText;
import io.redset.web.console.SetTraffic;
import io.redset.web.security.ConsoleRole;
import io.redset.web.sets.SetAdministration;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.beans.factory.annotation.Value;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /console/sets} (ADMIN): each SET with its mode and a form to switch it. The new mode and a
 * reason are required; a confirmation says what users will see in that mode before anything
 * changes. The switch goes through {@link SetAdministration}, as the admin API's does: applied,
 * audited and on the public page within its poll interval. The click handler checks the role
 * again on the server.
 */
@RolesAllowed("ADMIN")
@Route(value = "console/sets", layout = ConsoleLayout.class)
public class SetsView extends Div implements HasDynamicTitle {

    private final ClaimEngine engine;
    private final SetAdministration sets;
    private final AuthenticationContext auth;
    private final List<Duration> returnChoices;
    private final SetTraffic traffic;
    private final ConsoleTexts t = ConsoleTexts.current();
    private final Paragraph message = new Paragraph();

    public SetsView(ClaimEngine engine, SetAdministration sets, AuthenticationContext auth,
                    @Value("${redset.console.mode-return-choices:15m,1h,4h}") List<Duration> returnChoices,
                    SetTraffic traffic) {
        this.traffic = traffic;
        this.engine = engine;
        this.sets = sets;
        this.auth = auth;
        this.returnChoices = List.copyOf(returnChoices);
        addClassName("console-sets");
        draw();
    }

    private void draw() {
        removeAll();
        add(new H1(t.t("sets")), message, pauseAll());
        Div tiles = new Div();
        tiles.addClassName("console-tiles");
        for (SetView v : engine.sets()) {
            tiles.add(tile(v));
        }
        add(tiles);
    }

    private Section tile(SetView v) {
        Section tile = new Section();
        tile.addClassName("console-tile");
        tile.getElement().setAttribute("data-set", v.set().tag());
        tile.add(new H2("SET " + v.set().tag()));
        Paragraph mode = new Paragraph(t.t("mode") + ": " + v.mode().name());
        mode.getElement().setAttribute("data-fact", "mode");
        tile.add(mode);
        if (v.lastChange() != null) {
            Paragraph last = new Paragraph(t.t("lastChange", ConsoleTexts.time(v.lastChange().at()), v.lastChange().actor(), v.lastChange().reason()));
            last.addClassName("console-muted");
            tile.add(last);
        }
        sets.pendingReturn(v.set()).ifPresent(r -> tile.add(ModeReturnText.of(t, r, engine.config().clock().instant())));
        Select<SetMode> newMode = new Select<>();
        newMode.setLabel(t.t("newMode"));
        newMode.setItems(SetMode.values());
        newMode.setValue(v.mode());
        newMode.addClassName("console-new-mode");
        newMode.setWidthFull();
        TextField reason = new TextField(t.t("reason"));
        reason.setMaxLength(200);
        reason.setRequired(true);
        reason.setWidthFull();
        reason.addClassName("console-reason");
        Select<Optional<Duration>> returnAfter = new Select<>();
        returnAfter.setLabel(t.t("returnAfter"));
        List<Optional<Duration>> choices = new ArrayList<>();
        choices.add(Optional.empty());
        returnChoices.forEach(d -> choices.add(Optional.of(d)));
        returnAfter.setItems(choices);
        returnAfter.setItemLabelGenerator(o -> o.map(d -> t.t("returnIn", ModeReturnText.duration(d))).orElse(t.t("returnNever")));
        returnAfter.setValue(Optional.empty());
        returnAfter.addClassName("console-return-after");
        returnAfter.setWidthFull();
        Paragraph error = new Paragraph();
        error.addClassName("console-error");
        error.getElement().setAttribute("role", "alert");
        NativeButton switchMode = new NativeButton(t.t("switchMode"), e -> {
            error.setText("");
            if (reason.getValue().isBlank()) {
                error.setText(t.t("reasonRequired"));
                reason.setInvalid(true);
                return;
            }
            confirm(v, newMode.getValue(), reason.getValue(), newMode.getValue() == SetMode.NORMAL ? null
                    : returnAfter.getValue().orElse(null), error);
        });
        switchMode.addClassName("console-switch");
        tile.add(newMode, reason, returnAfter, switchMode, error);
        if (v.owned()) {
            tile.add(limits(v));
        }
        return tile;
    }

    private Div pauseAll() {
        TextField reason = new TextField(t.t("reason"));
        reason.setMaxLength(200);
        reason.setWidthFull();
        reason.addClassName("console-pause-reason");
        Paragraph error = new Paragraph();
        error.addClassName("console-error");
        error.getElement().setAttribute("role", "alert");
        NativeButton pause = new NativeButton(t.t("pauseAll"), e -> {
            if (reason.getValue().isBlank()) {
                error.setText(t.t("reasonRequired"));
                return;
            }
            ConfirmDialog dialog = new ConfirmDialog();
            dialog.setHeader(t.t("pauseAllTitle"));
            dialog.setText(t.t("pauseAllText"));
            dialog.setCancelable(true);
            dialog.setCancelText(t.t("cancel"));
            dialog.setConfirmText(t.t("confirm"));
            dialog.addConfirmListener(c -> {
                try {
                    String actor = ConsoleAccess.require(auth, ConsoleRole.ADMIN);
                    int n = sets.pauseSendsEverywhere(reason.getValue(), actor, ConsoleAccess.client()).size();
                    draw();
                    message.setText(t.t("pausedAll", n));
                } catch (RedSetException ex) {
                    error.setText(ex.getMessage());
                } catch (org.springframework.security.access.AccessDeniedException ex) {
                    error.setText(t.t("notAllowed"));
                }
            });
            dialog.open();
        });
        pause.addClassName("console-pause-all");
        Div box = new Div(reason, pause, error);
        box.addClassNames("console-tile", "console-pause-box");
        return box;
    }

    private Div limits(SetView v) {
        IntegerField claims = integer(t.t("claimLimit"), v.limits().claimPerSecond(), "console-limit-claims");
        IntegerField send = integer(t.t("sendLimit"), v.limits().sendPerSecond(), "console-limit-send");
        IntegerField cap = integer(t.t("envelopeCap"), v.limits().envelopeCap(), "console-limit-cap");
        Paragraph error = new Paragraph();
        error.addClassName("console-error");
        error.getElement().setAttribute("role", "alert");
        NativeButton save = new NativeButton(t.t("saveLimits"), e -> {
            try {
                String actor = ConsoleAccess.require(auth, ConsoleRole.ADMIN);
                if (claims.getValue() == null || send.getValue() == null || cap.getValue() == null) {
                    error.setText(t.t("limitsInvalid"));
                    return;
                }
                SetLimits next = SetLimits.from(engine.limits(v.set())).claimPerSecond(claims.getValue())
                        .sendPerSecond(send.getValue()).envelopeCap(cap.getValue()).build();
                sets.updateLimits(v.set(), next, actor, ConsoleAccess.client());
                draw();
                message.setText(t.t("limitsSaved", v.set().tag()));
            } catch (IllegalArgumentException | RedSetException ex) {
                error.setText(ex.getMessage());
            } catch (org.springframework.security.access.AccessDeniedException ex) {
                error.setText(t.t("notAllowed"));
            }
        });
        save.addClassName("console-save-limits");
        Div box = new Div(new Paragraph(t.t("limits")), claims, send, cap, save, error);
        box.addClassName("console-limits");
        return box;
    }

    private static IntegerField integer(String label, int value, String className) {
        IntegerField f = new IntegerField(label);
        f.setMin(1);
        f.setValue(value);
        f.addClassName(className);
        return f;
    }


    private void confirm(SetView v, SetMode mode, String reason, Duration returnAfter, Paragraph error) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(t.t("confirmTitle", v.set().tag(), mode.name()));
        dialog.setText(t.t("effect" + mode.name())
                + (returnAfter == null ? "" : t.t("confirmReturn", ModeReturnText.duration(returnAfter)))
                + t.t("confirmTraffic", traffic.of(v.set()).requestsLast15Minutes()));
        dialog.setCancelable(true);
        dialog.setCancelText(t.t("cancel"));
        dialog.setConfirmText(t.t("confirm"));
        dialog.addConfirmListener(e -> {
            try {
                String actor = ConsoleAccess.require(auth, ConsoleRole.ADMIN);
                sets.switchMode(v.set(), mode, reason, returnAfter, actor, ConsoleAccess.client());
                draw();
            } catch (RedSetException ex) {
                error.setText(ex.getMessage());
            } catch (org.springframework.security.access.AccessDeniedException ex) {
                error.setText(t.t("notAllowed"));
            }
        });
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return t.t("sets") + " · " + t.t("console");
    }
}

package io.redset.web.console;

import com.vaadin.flow.component.html.Paragraph;
import io.redset.web.sets.SetAdministration;

import java.time.Duration;
import java.time.Instant;

/** How a pending automatic return reads: when, and how long until then. Stateless. */
public final class ModeReturnText {

    private ModeReturnText() {
    }

    public static Paragraph of(ConsoleTexts t, SetAdministration.ModeReturn r, Instant now) {
        Duration left = Duration.between(now, r.at());
        Paragraph p = new Paragraph(t.t("returnsAt", ConsoleTexts.time(r.at()), duration(left.isNegative() ? Duration.ZERO : left)));
        p.addClassName("console-return");
        p.getElement().setAttribute("data-fact", "return");
        return p;
    }

    /** {@code 1h 30m}, {@code 15m}, {@code 45s}. */
    public static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        return (h > 0 ? h + "h" : "") + (h > 0 && m > 0 ? " " : "") + (m > 0 ? m + "m" : "");
    }
}

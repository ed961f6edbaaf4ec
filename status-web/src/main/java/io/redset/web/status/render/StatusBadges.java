package io.redset.web.status.render;

import io.redset.probes.ComponentStatus;
import io.redset.web.status.snapshot.Indicator;
import io.redset.web.status.snapshot.PageComponent;
import io.redset.web.status.snapshot.StatusSnapshot;
import io.redset.web.status.snapshot.UptimeDay;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Small SVG badges to embed in READMEs, wikis and dashboards, rendered once per snapshot like the
 * API bodies (so a badge costs a map lookup and honours ETag and Cache-Control):
 * <ul>
 *   <li>{@code /badge/status.svg}: the page's indicator ("all systems operational", "partial outage" ...);</li>
 *   <li>{@code /badge/components/{id}.svg}: one component's status;</li>
 *   <li>{@code /badge/components/{id}/uptime.svg}: its uptime over the 90 days of the page's bar.</li>
 * </ul>
 * Each is an accessible image ({@code role="img"}, {@code aria-label} and {@code <title>} say the
 * whole text); white text on dark fills with at least 4.5:1 contrast; the words say the status, the
 * colour only repeats it.
 */
final class StatusBadges {

    private static final String LABEL_FILL = "#4a505b";
    private static final String OK = "#17663a";
    private static final String MINOR = "#7a4a00";
    private static final String PARTIAL = "#9a3a00";
    private static final String MAJOR = "#b0182a";
    private static final String MAINTENANCE = "#1d4fa8";
    private static final String UNKNOWN = "#4a505b";

    private StatusBadges() {
    }

    /** Rendered name ({@code badge/...}) to SVG bytes. */
    public static Map<String, byte[]> renderAll(StatusSnapshot s) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Indicator indicator = s.indicator();
        out.put("badge/status.svg", svg(s.page().name(), indicator.description().toLowerCase(Locale.ROOT), switch (indicator) {
            case NONE -> OK;
            case MINOR -> MINOR;
            case MAJOR -> PARTIAL;
            case CRITICAL -> MAJOR;
            case MAINTENANCE -> MAINTENANCE;
        }));
        for (PageComponent c : s.components()) {
            out.put("badge/components/" + c.id() + ".svg", svg(c.name(), c.status().wireName().replace('_', ' '), fill(c.status())));
            Double uptime = UptimeDay.overallPercent(s.uptime().getOrDefault(c.id(), java.util.List.of()));
            out.put("badge/components/" + c.id() + "/uptime.svg", svg(c.name() + " uptime 90d",
                    uptime == null ? "no data" : percent(uptime), uptime == null ? UNKNOWN
                            : uptime >= 99.9 ? OK : uptime >= 99 ? MINOR : uptime >= 95 ? PARTIAL : MAJOR));
        }
        return out;
    }

    static String percent(double p) {
        return String.format(Locale.ROOT, p >= 99.995 ? "%.0f%%" : "%.2f%%", Math.min(100, p));
    }

    private static String fill(ComponentStatus status) {
        return switch (status) {
            case OPERATIONAL -> OK;
            case DEGRADED_PERFORMANCE -> MINOR;
            case PARTIAL_OUTAGE -> PARTIAL;
            case MAJOR_OUTAGE -> MAJOR;
            case UNDER_MAINTENANCE -> MAINTENANCE;
        };
    }

    /**
     * Two boxes, label and value; widths from a per-character estimate of an 11 px sans-serif. The
     * label is a page or component name (admins' free text, embedded as an image elsewhere): it
     * goes through {@link XmlText} so that it can neither add markup nor make the SVG unreadable.
     */
    static byte[] svg(String label, String value, String valueFill) {
        int lw = width(label);
        int vw = width(value);
        int w = lw + vw;
        String text = label + ": " + value;
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"20\" role=\"img\" aria-label=\""
                + XmlText.attribute(text) + "\"><title>" + XmlText.text(text) + "</title>"
                + "<rect width=\"" + lw + "\" height=\"20\" rx=\"3\" fill=\"" + LABEL_FILL + "\"/>"
                + "<rect x=\"" + lw + "\" width=\"" + vw + "\" height=\"20\" rx=\"3\" fill=\"" + valueFill + "\"/>"
                + "<rect x=\"" + (lw - 3) + "\" width=\"6\" height=\"20\" fill=\"" + valueFill + "\"/>"
                + "<g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\" text-anchor=\"middle\">"
                + "<text x=\"" + (lw / 2) + "\" y=\"14\">" + XmlText.text(label) + "</text>"
                + "<text x=\"" + (lw + vw / 2) + "\" y=\"14\">" + XmlText.text(value) + "</text></g></svg>";
        return svg.getBytes(StandardCharsets.UTF_8);
    }

    /** Wide enough for the text at 11 px (about 7 px a character, CJK 12) plus 10 px padding each side. */
    static int width(String text) {
        int w = 20;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            w += Character.isIdeographic(cp) ? 12 : Character.isUpperCase(cp) || cp == 'm' || cp == 'w' ? 8 : 7;
            i += Character.charCount(cp);
        }
        return w;
    }
}

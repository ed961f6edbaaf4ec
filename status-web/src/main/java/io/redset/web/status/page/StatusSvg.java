package io.redset.web.status.page;

import io.redset.probes.ComponentStatus;
import io.redset.web.status.render.XmlText;
import io.redset.web.status.snapshot.UptimeDay;
import io.redset.web.ui.StatusTexts;

import java.util.List;
import java.util.Locale;

/**
 * Server-side SVG of the page: the 90-day uptime bar (one cell per day, coloured by the day's worst
 * status through CSS classes, a native tooltip per cell) and the response-time sparkline. Every
 * text inside is escaped by {@link #esc}.
 */
final class StatusSvg {

    private StatusSvg() {
    }

    static String uptimeBar(String componentName, List<UptimeDay> days, StatusTexts texts) {
        int cell = 5;
        int width = days.size() * cell;
        StringBuilder s = new StringBuilder(days.size() * 160);
        s.append("<svg class=\"uptime-bar\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width)
                .append(" 28\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
                .append(esc(texts.f("uptimeBarLabel", componentName, percent(overall(days), texts)))).append("\">");
        for (int k = 0; k < days.size(); k++) {
            UptimeDay d = days.get(k);
            String cls = d.worst() == null ? "none" : d.worst().wireName();
            String tip = texts.date(d.day()) + " \u2014 " + dayStatus(d, texts) + " \u2014 "
                    + (d.incidents().isEmpty() ? texts.t("noIncidents") : dayIncidents(d, texts));
            s.append("<rect class=\"day day-").append(cls).append("\" x=\"").append(k * cell)
                    .append("\" y=\"0\" width=\"").append(cell - 1).append("\" height=\"28\" rx=\"1\"><title>")
                    .append(esc(tip)).append("</title></rect>");
        }
        return s.append("</svg>").toString();
    }

    /**
     * The days of the bar that were not fully operational or had incidents, as a disclosure list:
     * what the bar's tooltips say, for keyboards, screen readers and touch screens (which have no
     * hover). Empty when there is nothing to tell.
     */
    static String problemDays(List<UptimeDay> days, StatusTexts texts) {
        StringBuilder items = new StringBuilder();
        int n = 0;
        for (int k = days.size() - 1; k >= 0; k--) {
            UptimeDay d = days.get(k);
            boolean bad = d.worst() != null && d.worst() != ComponentStatus.OPERATIONAL;
            if (!bad && d.incidents().isEmpty()) {
                continue;
            }
            n++;
            items.append("<li><span class=\"day-date\">").append(esc(texts.date(d.day()))).append("</span> \u2014 ")
                    .append(esc(dayStatus(d, texts)));
            if (!d.incidents().isEmpty()) {
                items.append(" \u2014 ").append(esc(dayIncidents(d, texts)));
            }
            items.append("</li>");
        }
        if (n == 0) {
            return "";
        }
        return "<details class=\"problem-days\"><summary>" + esc(texts.f("problemDays", n)) + "</summary><ul>"
                + items + "</ul></details>";
    }

    /** "Major outage, 97.50% uptime" (or "no data"): what one day of the bar says. */
    private static String dayStatus(UptimeDay d, StatusTexts texts) {
        String status = d.worst() == null ? texts.t("noData") : texts.status(d.worst());
        return d.uptimePercent() == null ? status
                : status + ", " + percent(d.uptimePercent(), texts) + " " + texts.t("uptimeDay");
    }

    private static String dayIncidents(UptimeDay d, StatusTexts texts) {
        return texts.t("incidentsOfDay") + ": " + String.join("; ", d.incidents());
    }

    /** Mean of the days with data, null when none has any. */
    static Double overall(List<UptimeDay> days) {
        return UptimeDay.overallPercent(days);
    }

    static String percent(Double p, StatusTexts texts) {
        if (p == null) {
            return texts.t("noData");
        }
        return String.format(Locale.ROOT, p >= 99.995 ? "%.0f%%" : "%.2f%%", Math.min(100, p));
    }

    static String sparkline(String componentName, List<Double> values, StatusTexts texts) {
        int w = 120;
        int h = 28;
        double max = values.stream().filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
        Double latest = null;
        for (Double v : values) {
            if (v != null) {
                latest = v;
            }
        }
        String label = texts.f("sparklineLabel", componentName, latest == null ? texts.t("noData")
                : String.format(Locale.ROOT, "%.1f ms", latest));
        StringBuilder s = new StringBuilder(1024);
        s.append("<svg class=\"sparkline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(w).append(' ')
                .append(h).append("\" role=\"img\" aria-label=\"").append(esc(label)).append("\"><title>")
                .append(esc(label)).append("</title>");
        if (max > 0) {
            double step = values.size() > 1 ? (double) w / (values.size() - 1) : w;
            StringBuilder points = new StringBuilder();
            for (int k = 0; k < values.size(); k++) {
                Double v = values.get(k);
                if (v == null) {
                    if (!points.isEmpty()) {
                        s.append(polyline(points));
                        points.setLength(0);
                    }
                    continue;
                }
                double y = h - 2 - (v / max) * (h - 4);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", k * step, y));
            }
            if (!points.isEmpty()) {
                s.append(polyline(points));
            }
        } else {
            s.append("<line class=\"spark-empty\" x1=\"0\" y1=\"").append(h - 2).append("\" x2=\"").append(w)
                    .append("\" y2=\"").append(h - 2).append("\"/>");
        }
        return s.append("</svg>").toString();
    }

    private static String polyline(StringBuilder points) {
        String p = points.toString().trim();
        if (!p.contains(" ")) { // a single point: a dot
            String[] xy = p.split(",");
            return "<circle class=\"spark-dot\" cx=\"" + xy[0] + "\" cy=\"" + xy[1] + "\" r=\"1.5\"/>";
        }
        return "<polyline class=\"spark-line\" points=\"" + p + "\"/>";
    }

    /**
     * Escaped for HTML and SVG, in element content and in quoted attribute values alike (the page's
     * cards use it for both): {@link XmlText#attribute}, so that the page, the feeds and the badges
     * agree on which characters pass and a name with a control character or a lone surrogate shows
     * U+FFFD instead of breaking the SVG.
     */
    static String esc(String text) {
        return XmlText.attribute(text);
    }
}

package io.redset.web.console;

import io.redset.web.status.render.XmlText;

import java.util.List;
import java.util.Locale;

/** A small server-side SVG line of a SET's claims per second over the last 15 minutes. Stateless. */
final class TrafficSvg {

    private TrafficSvg() {
    }

    static String claimsLine(String label, List<Double> values) {
        int w = 240;
        int h = 40;
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        StringBuilder s = new StringBuilder(256 + values.size() * 16);
        s.append("<svg class=\"console-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(w).append(' ')
                .append(h).append("\" role=\"img\" aria-label=\"").append(XmlText.attribute(label)).append("\"><title>")
                .append(XmlText.attribute(label)).append("</title>");
        if (values.size() > 1 && max > 0) {
            double step = (double) w / (values.size() - 1);
            s.append("<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" points=\"");
            for (int k = 0; k < values.size(); k++) {
                double y = h - 2 - values.get(k) / max * (h - 4);
                s.append(String.format(Locale.ROOT, "%.1f,%.1f ", k * step, y));
            }
            s.append("\"/>");
        } else {
            s.append("<line x1=\"0\" y1=\"").append(h - 2).append("\" x2=\"").append(w).append("\" y2=\"").append(h - 2)
                    .append("\" stroke=\"currentColor\" stroke-width=\"1\"/>");
        }
        return s.append("</svg>").toString();
    }
}

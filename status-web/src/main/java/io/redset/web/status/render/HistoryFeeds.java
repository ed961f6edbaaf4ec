package io.redset.web.status.render;

import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentStatus;
import io.redset.web.status.snapshot.IncidentUpdate;
import io.redset.web.status.snapshot.PageSettings;
import io.redset.web.status.snapshot.StatusSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * The page's history as Atom 1.0 ({@code /history.atom}, RFC 4287) and RSS 2.0
 * ({@code /history.rss}): one entry per incident or maintenance, newest first, its timeline in the
 * content. Rendered once per snapshot. Every text goes through {@link XmlText}: the names and
 * bodies are admins' free text, and one character XML 1.0 does not allow would make feed readers
 * refuse the whole feed; the timeline HTML is escaped twice (once as HTML, once as the XML text
 * that carries it).
 */
final class HistoryFeeds {

    static final int ENTRIES = 50;
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private HistoryFeeds() {
    }

    public static byte[] atom(StatusSnapshot s) {
        String base = base(s.page());
        StringBuilder x = new StringBuilder(8192);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n");
        x.append("  <id>").append(XmlText.text(base + "/history")).append("</id>\n");
        x.append("  <title>").append(XmlText.text(s.page().name())).append(" status - incident history</title>\n");
        x.append("  <link rel=\"alternate\" type=\"text/html\" href=\"").append(XmlText.attribute(base + "/history")).append("\"/>\n");
        x.append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"").append(XmlText.attribute(base + "/history.atom")).append("\"/>\n");
        x.append("  <author><name>").append(XmlText.text(s.page().name())).append("</name></author>\n");
        x.append("  <updated>").append(iso(s.updatedAt())).append("</updated>\n");
        for (Incident i : entries(s)) {
            String link = StatuspageJson.shortlink(s.page(), i);
            x.append("  <entry>\n");
            x.append("    <id>").append(XmlText.text(link)).append("</id>\n");
            x.append("    <title>").append(XmlText.text(i.name())).append("</title>\n");
            x.append("    <link rel=\"alternate\" type=\"text/html\" href=\"").append(XmlText.attribute(link)).append("\"/>\n");
            x.append("    <published>").append(iso(published(i))).append("</published>\n");
            x.append("    <updated>").append(iso(i.updatedAt())).append("</updated>\n");
            x.append("    <content type=\"html\">").append(XmlText.text(timelineHtml(i))).append("</content>\n");
            x.append("  </entry>\n");
        }
        x.append("</feed>\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] rss(StatusSnapshot s) {
        String base = base(s.page());
        StringBuilder x = new StringBuilder(8192);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
        x.append("  <title>").append(XmlText.text(s.page().name())).append(" status - incident history</title>\n");
        x.append("  <link>").append(XmlText.text(base + "/history")).append("</link>\n");
        x.append("  <description>").append(XmlText.text("Incidents and maintenance of " + s.page().name())).append("</description>\n");
        x.append("  <language>en</language>\n");
        x.append("  <atom:link href=\"").append(XmlText.attribute(base + "/history.rss"))
                .append("\" rel=\"self\" type=\"application/rss+xml\"/>\n");
        x.append("  <lastBuildDate>").append(RFC_822.format(s.updatedAt())).append("</lastBuildDate>\n");
        for (Incident i : entries(s)) {
            String link = StatuspageJson.shortlink(s.page(), i);
            x.append("  <item>\n");
            x.append("    <title>").append(XmlText.text(i.name())).append("</title>\n");
            x.append("    <link>").append(XmlText.text(link)).append("</link>\n");
            x.append("    <guid isPermaLink=\"true\">").append(XmlText.text(link)).append("</guid>\n");
            x.append("    <pubDate>").append(RFC_822.format(published(i))).append("</pubDate>\n");
            x.append("    <description>").append(XmlText.text(timelineHtml(i))).append("</description>\n");
            x.append("  </item>\n");
        }
        x.append("</channel>\n</rss>\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<Incident> entries(StatusSnapshot s) {
        return Stream.concat(s.incidents().stream(), s.maintenances().stream())
                .sorted((a, b) -> published(b).compareTo(published(a)))
                .limit(ENTRIES)
                .toList();
    }

    private static Instant published(Incident i) {
        return i.createdAt();
    }

    private static String timelineHtml(Incident i) {
        StringBuilder h = new StringBuilder();
        if (i.isMaintenance()) {
            h.append("<p>Scheduled ").append(iso(i.scheduledFor())).append(" to ").append(iso(i.scheduledUntil())).append("</p>");
        }
        for (IncidentUpdate u : i.updates()) {
            h.append("<p><small>").append(iso(u.displayAt())).append("</small><br><strong>")
                    .append(XmlText.text(label(u.status()))).append("</strong> - ").append(XmlText.text(u.body())).append("</p>");
        }
        return h.toString();
    }

    private static String label(IncidentStatus status) {
        String w = status.wireName().replace('_', ' ');
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static String base(PageSettings page) {
        return page.url().endsWith("/") ? page.url().substring(0, page.url().length() - 1) : page.url();
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }
}

package io.redset.web.status.render;

import io.redset.probes.ComponentStatus;
import io.redset.web.status.snapshot.AffectedComponent;
import io.redset.web.status.snapshot.Impact;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentStatus;
import io.redset.web.status.snapshot.IncidentUpdate;
import io.redset.web.status.snapshot.Indicator;
import io.redset.web.status.snapshot.PageComponent;
import io.redset.web.status.snapshot.PageSettings;
import io.redset.web.status.snapshot.StatusSnapshot;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile names and bodies through the Atom and RSS feeds and the SVG badges, as rendered for a
 * snapshot (no database): every document parses as XML 1.0 with the JDK's parser, and every text
 * reads back as it was given, only the characters XML does not allow replaced by U+FFFD. The feeds
 * and badges are public and cached; one document a reader refuses, or one name that opens a tag,
 * would hit everyone who follows the page.
 */
class HistoryFeedsTest {

    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final String ATOM = "http://www.w3.org/2005/Atom";

    /** What an admin (or a stolen admin session) might type, and what readers must get back. */
    record Case(String input, String expected) {
        static Case same(String text) {
            return new Case(text, text);
        }

        @Override
        public String toString() {
            return input.length() > 60 ? "(" + input.length() + " characters)" : input;
        }
    }

    static final List<Case> HOSTILE = List.of(
            Case.same("</script>"),
            Case.same("<!-- <script>"),
            Case.same("\"><img src=x onerror=alert(1)>"),
            Case.same("javascript:alert(1)"),
            Case.same("<svg onload=alert(1)>"),
            Case.same("]]>"),
            Case.same("&amp; &#0; &lt;"),
            Case.same("it's \u202Eevil\u202C"),
            Case.same("line\r\nbreak\rand\ttab"),
            Case.same("NEL \u0085 is XML 1.0"),
            new Case("nul \u0000 here", "nul \uFFFD here"),
            new Case("bell \u0007", "bell \uFFFD"),
            new Case("x\uFFFEy", "x\uFFFDy"),
            new Case("x\uFFFFy", "x\uFFFDy"),
            new Case("high \uD800", "high \uFFFD"),
            new Case("\uD800 high first", "\uFFFD high first"),
            new Case("low \uDC00 alone", "low \uFFFD alone"),
            new Case("\uDC00\uD800 reversed", "\uFFFD\uFFFD reversed"),
            Case.same("rocket \uD83D\uDE80 ok"),
            // 100 KB: mostly plain, since the JDK's parser (since JDK 24) refuses a document with more
            // than 100,000 characters from &lt; &amp; ... references (jdk.xml.maxGeneralEntitySizeLimit)
            new Case("x".repeat(99_000) + "<a href=\"x\">&'\t]]>\u0000\n".repeat(60),
                    "x".repeat(99_000) + "<a href=\"x\">&'\t]]>\uFFFD\n".repeat(60)));

    @Test
    void theCorpusIsWhatTheReviewAskedFor() {
        assertThat(HOSTILE.getLast().input().length()).isGreaterThanOrEqualTo(100_000);
    }

    @Test
    void atomParsesAndReadsBack() throws Exception {
        for (Case c : HOSTILE) {
            StatusSnapshot s = SnapshotRendering.render(snapshot(c.input()));
            byte[] atom = s.rendered().get("history.atom").body();
            assertThat(atom).as("the snapshot serves the feed it rendered").isEqualTo(HistoryFeeds.atom(s));
            Document d = parse(atom, c);
            Element feed = d.getDocumentElement();
            assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
            assertThat(feed.getLocalName()).isEqualTo("feed");
            assertThat(child(feed, "title").getTextContent()).as(c.toString())
                    .isEqualTo(c.expected() + " status - incident history");
            assertThat(child(child(feed, "author"), "name").getTextContent()).isEqualTo(c.expected());
            List<Element> entries = children(feed, "entry");
            assertThat(entries).hasSize(2);
            for (Element entry : entries) {
                assertThat(child(entry, "title").getTextContent()).as(c.toString()).isEqualTo(c.expected());
                assertThat(child(entry, "content").getAttribute("type")).isEqualTo("html");
                assertThat(bodyOf(child(entry, "content").getTextContent())).as(c.toString()).isEqualTo(c.expected());
                assertThat(child(entry, "link").getAttribute("href")).startsWith("https://status.example.org/incidents/");
            }
        }
    }

    @Test
    void rssParsesAndReadsBack() throws Exception {
        for (Case c : HOSTILE) {
            StatusSnapshot s = SnapshotRendering.render(snapshot(c.input()));
            Document d = parse(s.rendered().get("history.rss").body(), c);
            Element channel = child(d.getDocumentElement(), "channel");
            assertThat(child(channel, "title").getTextContent()).as(c.toString())
                    .isEqualTo(c.expected() + " status - incident history");
            assertThat(child(channel, "description").getTextContent()).isEqualTo("Incidents and maintenance of " + c.expected());
            List<Element> items = children(channel, "item");
            assertThat(items).hasSize(2);
            for (Element item : items) {
                assertThat(child(item, "title").getTextContent()).as(c.toString()).isEqualTo(c.expected());
                assertThat(bodyOf(child(item, "description").getTextContent())).as(c.toString()).isEqualTo(c.expected());
            }
        }
    }

    @Test
    void badgesParseAndSayTheNameInWords() throws Exception {
        for (Case c : HOSTILE) {
            StatusSnapshot s = SnapshotRendering.render(snapshot(c.input()));
            Map<String, String> expected = Map.of(
                    "badge/status.svg", c.expected() + ": partial system outage",
                    "badge/components/api.svg", c.expected() + ": major outage",
                    "badge/components/api/uptime.svg", c.expected() + " uptime 90d: no data");
            for (Map.Entry<String, String> e : expected.entrySet()) {
                Document svg = parse(s.rendered().get(e.getKey()).body(), c);
                Element root = svg.getDocumentElement();
                assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
                assertThat(root.getAttribute("aria-label")).as(e.getKey() + " " + c).isEqualTo(e.getValue());
                assertThat(child(root, "title").getTextContent()).as(e.getKey() + " " + c).isEqualTo(e.getValue());
                Element texts = child(root, "g");
                assertThat(children(texts, "text")).extracting(Element::getTextContent).first().as(c.toString())
                        .isEqualTo(e.getValue().substring(0, e.getValue().lastIndexOf(": ")));
                assertThat(svg.getElementsByTagNameNS("*", "script").getLength()).isZero();
                assertThat(svg.getElementsByTagNameNS("*", "img").getLength()).isZero();
                assertThat(root.hasAttribute("onload")).isFalse();
            }
        }
    }

    /**
     * A page with the text everywhere an admin can put text: page, component, incident and
     * maintenance names, update bodies. (Input checks now refuse most of the corpus; the renderers
     * must not rely on that: older rows and other writers exist.)
     */
    static StatusSnapshot snapshot(String text) {
        PageSettings page = new PageSettings("redset", text, "https://status.example.org", ZoneId.of("Etc/UTC"), "RedSet", T0);
        PageComponent api = new PageComponent("api", text, text, null, ComponentStatus.MAJOR_OUTAGE, 1, true, false,
                LocalDate.of(2026, 1, 1), T0, T0, false, false);
        IncidentUpdate update = new IncidentUpdate("u1", "i1", IncidentStatus.INVESTIGATING, text, T0, T0, true,
                List.of(new AffectedComponent("api", text, ComponentStatus.OPERATIONAL, ComponentStatus.MAJOR_OUTAGE)));
        Incident incident = new Incident("i1", false, text, IncidentStatus.INVESTIGATING, Impact.MAJOR, T0, T0, T0,
                null, null, null, null, false, null, List.of("api"), List.of(update));
        Instant planned = T0.minusSeconds(3600);
        IncidentUpdate notice = new IncidentUpdate("u2", "m1", IncidentStatus.SCHEDULED, text, planned, planned, true, List.of());
        Incident maintenance = new Incident("m1", true, text, IncidentStatus.SCHEDULED, Impact.MAINTENANCE, planned, planned,
                T0.plusSeconds(3600), null, null, T0.plusSeconds(3600), T0.plusSeconds(7200), true, null, List.of("api"),
                List.of(notice));
        return new StatusSnapshot(1, page, T0, T0, false, T0, Indicator.MAJOR, List.of(api), List.of(), List.of(incident),
                List.of(maintenance), Map.of("api", List.of()), Map.of(), Map.of());
    }

    /**
     * The update's text out of an entry's HTML timeline ({@code ...<strong>Status</strong> - TEXT</p>}):
     * it must hold no markup of its own, and its character references must give the text back.
     */
    static String bodyOf(String html) {
        int from = html.lastIndexOf("</strong> - ");
        assertThat(from).as("timeline " + html.substring(0, Math.min(200, html.length()))).isPositive();
        assertThat(html).endsWith("</p>");
        String escaped = html.substring(from + "</strong> - ".length(), html.length() - "</p>".length());
        assertThat(escaped).doesNotContain("<", ">", "\"");
        return unescape(escaped);
    }

    private static final Pattern REFERENCE = Pattern.compile("&(?:#(\\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));");

    /** An HTML text's character references back to characters; anything else stays as it is. */
    static String unescape(String escaped) {
        Matcher m = REFERENCE.matcher(escaped);
        StringBuilder out = new StringBuilder(escaped.length());
        while (m.find()) {
            String with;
            if (m.group(1) != null) {
                with = Character.toString(Integer.parseInt(m.group(1)));
            } else if (m.group(2) != null) {
                with = Character.toString(Integer.parseInt(m.group(2), 16));
            } else {
                with = switch (m.group(3)) {
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "amp" -> "&";
                    case "quot" -> "\"";
                    default -> "'";
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(with));
        }
        return m.appendTail(out).toString();
    }

    /** The JDK's parser, namespace aware, with no DOCTYPE and no external anything; every error fails. */
    static Document parse(byte[] xml, Object what) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        try {
            return b.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw new AssertionError("not well-formed XML for " + what + ": " + e.getMessage() + "\n"
                    + new String(xml, StandardCharsets.UTF_8).substring(0, Math.min(2000, xml.length)), e);
        }
    }

    static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        assertThat(found).as(parent.getLocalName() + "/" + localName).isNotEmpty();
        return found.getFirst();
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> out = new java.util.ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }
}

package io.redset.web.status.page;

import io.redset.probes.ComponentStatus;
import io.redset.web.status.snapshot.UptimeDay;
import io.redset.web.ui.StatusTexts;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The uptime bar's days as text: what the tooltips say, for keyboards, screen readers and touch;
 * and names that try to be markup stay text in well-formed SVG.
 */
class StatusSvgTest {

    final StatusTexts en = new StatusTexts(StatusTexts.Lang.EN, ZoneId.of("Etc/UTC"));
    final StatusTexts zh = new StatusTexts(StatusTexts.Lang.ZH, ZoneId.of("Asia/Shanghai"));

    static List<UptimeDay> ninetyDays() {
        List<UptimeDay> days = new ArrayList<>();
        for (int k = 0; k < 90; k++) {
            days.add(new UptimeDay(LocalDate.of(2026, 8, 24).plusDays(k), ComponentStatus.OPERATIONAL, 100.0, List.of()));
        }
        return days;
    }

    @Test
    void onlyDaysWithIssuesAreListedNewestFirstWithTheirIncidents() {
        List<UptimeDay> days = ninetyDays();
        days.set(10, new UptimeDay(days.get(10).day(), ComponentStatus.MAJOR_OUTAGE, 97.5, List.of("Claims <failing>")));
        days.set(80, new UptimeDay(days.get(80).day(), ComponentStatus.OPERATIONAL, 100.0, List.of("Planned note")));
        days.set(85, new UptimeDay(days.get(85).day(), null, null, List.of()));
        String html = StatusSvg.problemDays(days, en);
        assertThat(html).startsWith("<details class=\"problem-days\"><summary>Days with issues in the last 90 days: 2</summary>");
        assertThat(html).contains("Major outage, 97.50%").contains("Claims &lt;failing&gt;");
        assertThat(html.indexOf("Planned note")).isLessThan(html.indexOf("Claims"));
        assertThat(html).doesNotContain("no data");
        assertThat(StatusSvg.problemDays(days, zh)).contains("最近 90 天有问题的日期：2 天");
    }

    @Test
    void nothingIsAddedWhenEveryDayWasFine() {
        assertThat(StatusSvg.problemDays(ninetyDays(), en)).isEmpty();
    }

    /** A component or incident name an admin typed, and what the SVG must say instead. */
    static final String HOSTILE = "<svg onload=alert(1)>\"'&]]>\u0000\u0007\uD800-\uDC00-\uFFFF\u202E\uD83D\uDE80";
    static final String SHOWN = "<svg onload=alert(1)>\"'&]]>\uFFFD\uFFFD\uFFFD-\uFFFD-\uFFFD\u202E\uD83D\uDE80";

    @Test
    void hostileNamesStayTextAndTheSvgStaysWellFormed() throws Exception {
        List<UptimeDay> days = ninetyDays();
        days.set(3, new UptimeDay(days.get(3).day(), ComponentStatus.MAJOR_OUTAGE, 50.0, List.of(HOSTILE)));
        Document bar = parse(StatusSvg.uptimeBar(HOSTILE, days, en));
        assertThat(bar.getElementsByTagNameNS("*", "svg").getLength()).as("no element from the name").isOne();
        assertThat(bar.getDocumentElement().hasAttribute("onload")).isFalse();
        assertThat(bar.getDocumentElement().getAttribute("aria-label")).isEqualTo("Uptime of " + SHOWN + " over the last 90 days: 99.44%");
        Element tip = (Element) bar.getElementsByTagNameNS("*", "title").item(3);
        assertThat(tip.getTextContent()).endsWith(": " + SHOWN);

        Document spark = parse(StatusSvg.sparkline(HOSTILE, Arrays.asList(null, 12.0, 14.5), en));
        assertThat(spark.getDocumentElement().getAttribute("aria-label"))
                .isEqualTo("Median response time of " + SHOWN + ", last 30 days; latest 14.5 ms");
        assertThat(spark.getElementsByTagNameNS("*", "svg").getLength()).isOne();

        assertThat(StatusSvg.esc(HOSTILE)).doesNotContain("<", ">", "\"", "'", "\u0000", "\uD800", "\uFFFF")
                .contains("&lt;svg onload=alert(1)&gt;&quot;&#39;&amp;]]&gt;\uFFFD");
        assertThat(StatusSvg.problemDays(days, en)).contains("&lt;svg onload").doesNotContain("<svg");
    }

    /** The JDK's parser as a strict reader: namespace aware, no DOCTYPE, no external entities. */
    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}

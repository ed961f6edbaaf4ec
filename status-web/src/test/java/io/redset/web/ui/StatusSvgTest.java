package io.redset.web.ui;

import io.redset.probes.ComponentStatus;
import io.redset.web.status.UptimeDay;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The uptime bar's days as text: what the tooltips say, for keyboards, screen readers and touch. */
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
}

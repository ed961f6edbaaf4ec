package io.redset.web.status;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StatusBadgesTest {

    @Test
    void textIsEscapedAndTheBoxesFitIt() {
        String svg = new String(StatusBadges.svg("A&B <API>", "major outage", "#b0182a"), StandardCharsets.UTF_8);
        assertThat(svg).contains("aria-label=\"A&amp;B &lt;API&gt;: major outage\"", "<title>A&amp;B &lt;API&gt;: major outage</title>")
                .doesNotContain("<API>");
        assertThat(StatusBadges.width("过载")).isGreaterThan(StatusBadges.width("ab"));
        assertThat(StatusBadges.width("operational")).isGreaterThanOrEqualTo(20 + 11 * 7);
    }

    @Test
    void uptimeIsShownLikeOnThePage() {
        assertThat(StatusBadges.percent(100)).isEqualTo("100%");
        assertThat(StatusBadges.percent(99.996)).isEqualTo("100%");
        assertThat(StatusBadges.percent(99.95)).isEqualTo("99.95%");
        assertThat(StatusBadges.percent(87.5)).isEqualTo("87.50%");
    }
}

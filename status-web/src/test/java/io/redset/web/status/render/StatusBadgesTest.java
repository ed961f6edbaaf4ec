package io.redset.web.status.render;

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
        assertThat(StatusBadges.width("\uD83D\uDE80")).as("a pair is one character").isEqualTo(StatusBadges.width("a"));
        assertThat(StatusBadges.width("operational")).isGreaterThanOrEqualTo(20 + 11 * 7);
    }

    @Test
    void uptimeIsShownLikeOnThePage() {
        assertThat(StatusBadges.percent(100)).isEqualTo("100%");
        assertThat(StatusBadges.percent(99.996)).isEqualTo("100%");
        assertThat(StatusBadges.percent(99.95)).isEqualTo("99.95%");
        assertThat(StatusBadges.percent(87.5)).isEqualTo("87.50%");
    }

    /** Characters XML 1.0 forbids would make every reader refuse the badge: they show as U+FFFD. */
    @Test
    void charactersXmlForbidsBecomeReplacementCharacters() {
        String svg = new String(StatusBadges.svg("API\u0000\u0007\uFFFE\uD800 \"x\"\n", "operational", "#17663a"),
                StandardCharsets.UTF_8);
        assertThat(svg).contains("aria-label=\"API\uFFFD\uFFFD\uFFFD\uFFFD &quot;x&quot;&#10;: operational\"",
                        "<title>API\uFFFD\uFFFD\uFFFD\uFFFD &quot;x&quot;\n: operational</title>")
                .doesNotContain("\u0000", "\u0007", "\uFFFE", "?");
    }
}

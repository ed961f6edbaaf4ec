package io.redset.web.status;

import io.redset.engine.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks of admins' input, without a database: texts and the page URL are refused as bad input
 * naming their field (a 400), before anything is stored. The service entry points that use them
 * are in {@code StatusServiceTest}; subscriber addresses in {@code SubscriberAddressTest}.
 */
class StatusInputTest {

    @Test
    void bodiesTakeLineBreaksAndTabsButNoOtherControlCharacters() {
        StatusInput.requireText("body", "Line one\r\nline two\n\ttabbed \u202Eclosed\u202C \uD83D\uDE80 \u00e9", 5000);
        for (String bad : new String[]{"nul \u0000", "bell \u0007", "esc \u001B[31m", "del \u007F", "c1 \u0085",
                "c1 \u009B", "x\uFFFE", "x\uFFFF"}) {
            assertThatThrownBy(() -> StatusInput.requireText("body", bad, 5000)).as(bad)
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("body must not contain control characters")
                    .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("body");
        }
        assertThatThrownBy(() -> StatusInput.requireText("body", "at 3 \u0007", 5000)).hasMessageEndingWith("(U+0007 at index 5)");
    }

    @Test
    void loneSurrogatesAreRefusedAndPairsAreNot() {
        for (String bad : new String[]{"high \uD800", "\uD800 first", "low \uDC00", "\uDC00\uD800"}) {
            assertThatThrownBy(() -> StatusInput.requireText("body", bad, 5000)).as(bad)
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("body must not contain a lone surrogate");
            assertThatThrownBy(() -> StatusInput.requireLine("name", bad, 200)).as(bad)
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("name must not contain a lone surrogate");
        }
        StatusInput.requireLine("name", "\uD83D\uDE80 launch", 200);
    }

    @Test
    void directionOverridesAndIsolatesMustBeClosedInTheirOwnText() {
        for (String good : new String[]{"SET \u202Egnp\u202C.exe", "\u2067\u0627\u0644\u0639\u0631\u0628\u064A\u2069 and more",
                "\u2068a \u202Bb\u2069", // a PDI closes the isolate and the embedding opened inside it
                "stray closers \u202C\u2069", "\u202Aouter \u202Binner\u202C\u202C"}) {
            StatusInput.requireLine("name", good, 200);
            assertThat(DirectionControls.firstUnclosed(good)).as(good).isEqualTo(-1);
        }
        assertThat(DirectionControls.firstUnclosed("SET 00 \u202Egnp.exe")).isEqualTo(7);
        assertThat(DirectionControls.firstUnclosed("\u202Aa \u202Bb\u202C")).isZero(); // the outer one stays open
        assertThat(DirectionControls.firstUnclosed("\u2066a \u202C b")).isZero(); // a PDF cannot close an isolate
        assertThat(DirectionControls.firstUnclosed("a\u2067b")).isEqualTo(1);
        assertThatThrownBy(() -> StatusInput.requireLine("name", "SET 00 \u202Egnp.exe", 200))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("name must close every direction override or isolate it opens (U+202E at index 7 is not closed by a U+202C or U+2069)");
        assertThatThrownBy(() -> StatusInput.requireText("body", "line\n\u2068open", 500)).hasMessageStartingWith("body must close");
    }

    @Test
    void namesAreOneLine() {
        StatusInput.requireLine("name", "API\tv2 \u201cquoted\u201d", 200);
        for (String bad : new String[]{"two\nlines", "cr\ronly", "Subject\r\nBcc: x@example.org"}) {
            assertThatThrownBy(() -> StatusInput.requireLine("name", bad, 200)).as(bad)
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("name must be a single line");
        }
        assertThatThrownBy(() -> StatusInput.requireLine("name", "a\u0000", 200))
                .hasMessageStartingWith("name must not contain control characters other than tabs");
        assertThatThrownBy(() -> StatusInput.checkText("logoText", "Red\nSet", 40, false)).hasMessageStartingWith("logoText ");
        assertThatThrownBy(() -> StatusInput.checkText("group", "G\u0007", 100, false)).hasMessageStartingWith("group ");
        assertThatThrownBy(() -> StatusInput.checkText("description", "d\u0000", 500, true)).hasMessageStartingWith("description ");
        StatusInput.checkText("description", "two\nlines", 500, true);
    }

    @Test
    void requiredAndLengthAreCheckedAsBefore() {
        assertThatThrownBy(() -> StatusInput.requireLine("name", " ", 200)).hasMessage("name is required");
        assertThatThrownBy(() -> StatusInput.requireText("body", null, 200)).hasMessage("body is required");
        assertThatThrownBy(() -> StatusInput.requireLine("name", "x".repeat(201), 200)).hasMessage("name must be at most 200 characters");
    }

    @Test
    void pageUrlsAreAbsoluteHttpWithAHostAndStoredOneWay() {
        assertThat(StatusProperties.pageUrl("https://Status.Example.ORG/")).isEqualTo("https://status.example.org");
        assertThat(StatusProperties.pageUrl("HTTP://localhost:8080")).isEqualTo("http://localhost:8080");
        assertThat(StatusProperties.pageUrl("https://example.org/status//")).isEqualTo("https://example.org/status");
        assertThat(StatusProperties.pageUrl("https://example.org/a/../status/")).isEqualTo("https://example.org/status");
        assertThat(StatusProperties.pageUrl("https://[2001:DB8::1]:8443/s")).isEqualTo("https://[2001:db8::1]:8443/s");
        assertThat(StatusProperties.pageUrl("https://example.org/zh/状态")).isEqualTo("https://example.org/zh/%E7%8A%B6%E6%80%81");
        assertThat(StatusProperties.pageUrl("https://example.org/%E2%80%AE")).isEqualTo("https://example.org/%E2%80%AE");

        for (String bad : new String[]{"", " ", "status.example.org", "/status", "//example.org", "ftp://example.org",
                "javascript:alert(1)", "http:example.org", "https://", "https:///path", "https://user:pw@example.org",
                "https://example.org?x=1", "https://example.org/#top", "https://exa mple.org", " https://example.org",
                "https://example.org/\r\nBcc: x@example.org", "https://example.org/\n", "https://example.org/\u0000",
                "https://example.org/\u0085", "https://example.org/\u2028", "https://example.org/\u00a0",
                "https://example.org/>", "https://example.org/<", "https://example.org/\"", "https://example.org/\uD800",
                "https://example.org/a\\b", "https://ex_ample.org", "https://exämple.org",
                "https://example.org/" + "x".repeat(StatusProperties.MAX_URL)}) {
            assertThatThrownBy(() -> StatusProperties.pageUrl(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> StatusProperties.pageUrl("https://example.org/>"))
                .hasMessageContaining("without spaces, control characters, '<', '>' or '\"'").hasMessageNotContaining("example");
    }

    @Test
    void theConfiguredUrlIsCheckedNamingItsKeyAndKeptNormalised() {
        assertThat(properties("https://Status.Example.org/").url()).isEqualTo("https://status.example.org");
        assertThatThrownBy(() -> properties("https://example.org/\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("redset.status.url must be an http(s) URL without");
        assertThatThrownBy(() -> properties("ftp://example.org")).hasMessageStartingWith("redset.status.url must be an absolute http(s) URL");
        assertThatThrownBy(() -> properties(null)).hasMessageStartingWith("redset.status.url is required");
        assertThat(StatusProperties.defaults().url()).isEqualTo("http://localhost:8080");
    }

    static StatusProperties properties(String url) {
        return new StatusProperties("redset", "RedSet", url, ZoneId.of("Etc/UTC"), "RedSet", Duration.ofSeconds(5),
                Duration.ofMinutes(1), Duration.ofMinutes(10), 500, Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofSeconds(10), false, null, StatusProperties.SubscribeLimit.DEFAULT);
    }
}

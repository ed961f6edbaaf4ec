package io.redset.alerts.internal;

import io.redset.alerts.DeliveryResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Text from outside made fit for the database, the log and an error message. */
class SafeTextTest {

    @Test
    void printableEscapesControlFormatAndUnpairedSurrogatesAndKeepsTheRest() {
        assertThat(SafeText.printable("a\u0000b\r\nc\td\u007f\u0085\u202e\u2028\ud800e", 200))
                .isEqualTo("a\\u0000b\\u000d\\u000ac\\u0009d\\u007f\\u0085\\u202e\\u2028\\ud800e");
        assertThat(SafeText.printable("Überlast 过载 \ud83d\ude00 \\ \"", 200)).isEqualTo("Überlast 过载 \ud83d\ude00 \\ \"");
        assertThat(SafeText.printable(null, 10)).isNull();
    }

    @Test
    void printableCutsAtMostToTheLengthWithoutSplittingAnEscapeOrAPair() {
        assertThat(SafeText.printable("abcdef", 6)).isEqualTo("abcdef");
        assertThat(SafeText.printable("abcdefg", 6)).isEqualTo("abcde\u2026");
        assertThat(SafeText.printable("abc\u0000def", 8)).isEqualTo("abc\u2026"); // an escape is never cut in two
        assertThat(SafeText.printable("abcd\ud83d\ude00xyz", 6)).isEqualTo("abcd\u2026").hasSize(5);
        String long1 = SafeText.printable("\u0000".repeat(1000), 200);
        assertThat(long1).hasSizeLessThanOrEqualTo(200).endsWith("\\u0000\u2026");
        assertThat(SafeText.printable(long1, 200)).as("already printable: unchanged").isEqualTo(long1);
    }

    @Test
    void echoIsPrintableAndShort() {
        String echoed = SafeText.echo("x\u0000\r\nFAKE LOG " + "y".repeat(500));
        assertThat(echoed).startsWith("x\\u0000\\u000d\\u000aFAKE LOG y").hasSize(SafeText.ECHO_LENGTH).endsWith(SafeText.CUT);
        assertThat(SafeText.echo(null)).isEqualTo("null");
        assertThat(SafeText.echo(42)).isEqualTo("42");
    }

    @Test
    void replaceControlsKeepsTabAndLineBreaksAndPairs() {
        assertThat(SafeText.replaceControls("a\u0000b\u0007c\u007fd\u009be\tf\ng\rh\ud800i\ud83d\ude00"))
                .isEqualTo("a\ufffdb\ufffdc\ufffdd\ufffde\tf\ng\rh\ufffdi\ud83d\ude00");
        String clean = "nothing to replace";
        assertThat(SafeText.replaceControls(clean)).isSameAs(clean);
    }

    @Test
    void requireNoControlsNamesTheFieldTheCharacterAndWhere() {
        SafeText.requireNoControls("comment", "line one\n\tline two\r\n \ud83d\ude00");
        SafeText.requireNoControls("comment", null);
        assertThatThrownBy(() -> SafeText.requireNoControls("comment", "on it\u0000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("comment must not contain control characters other than tab and line breaks (U+0000 at index 5)");
        assertThatThrownBy(() -> SafeText.requireNoControls("comment", "x\udc00")).hasMessageContaining("U+DC00 at index 1");
    }

    @Test
    void cutNeverSplitsASurrogatePair() {
        String summary = "a".repeat(1020) + "\ud83d\ude00".repeat(3);
        String cut = SafeText.cut(summary, 1024, "...");
        assertThat(cut).isEqualTo("a".repeat(1020) + "...");
        assertThat(SafeText.cut("a".repeat(1019) + "\ud83d\ude00".repeat(3), 1024, "...")).isEqualTo("a".repeat(1019) + "\ud83d\ude00...");
        assertThat(SafeText.cut("short", 1024, "...")).isEqualTo("short");
    }

    @Test
    void httpUrlsOnly() {
        assertThat(SafeText.isHttpUrl("https://redset.example/runbooks/errors?x=1&y=2")).isTrue();
        assertThat(SafeText.isHttpUrl("HTTP://redset.example")).isTrue();
        assertThat(SafeText.isHttpUrl("javascript:alert(1)")).isFalse();
        assertThat(SafeText.isHttpUrl("https://evil|click")).isFalse();
        assertThat(SafeText.isHttpUrl("/runbooks/errors")).isFalse();
        assertThat(SafeText.isHttpUrl(null)).isFalse();
    }

    /** Whatever built it, a delivery result's message is what may be stored and logged. */
    @Test
    void deliveryResultMessagesArePrintableAndBounded() {
        DeliveryResult r = DeliveryResult.ofHttpStatus(500, "oops\u0000\r\nFAKE LOG " + "z".repeat(5000) + "\n");
        assertThat(r.retryable()).isTrue();
        assertThat(r.message()).startsWith("HTTP 500: oops\\u0000\\u000d\\u000aFAKE LOG zzz").doesNotContain("\u0000", "\r", "\n")
                .hasSizeLessThanOrEqualTo("HTTP 500: ".length() + 200);
        assertThat(DeliveryResult.retry("451 try again later\r\n").message()).isEqualTo("451 try again later");
        assertThat(DeliveryResult.permanent("x".repeat(5000)).message()).hasSize(DeliveryResult.MAX_MESSAGE);
        assertThat(DeliveryResult.ok(null).message()).isNull();
    }
}

package io.redset.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an error message may repeat of client input: short, one line, no direction controls. */
class ClientTextTest {

    @Test
    void echoedInputIsShortAndPrintable() {
        assertThat(ClientText.printable("api")).isEqualTo("api");
        assertThat(ClientText.printable("a\r\nb\u0000\u202E\uD800")).isEqualTo("a\\u000d\\u000ab\\u0000\\u202e\\ud800");
        assertThat(ClientText.printable("x".repeat(16_000))).isEqualTo("x".repeat(40) + "...");
        assertThat(ClientText.printable("\uD83D\uDE80".repeat(40))).as("a pair is one code point").isEqualTo("\uD83D\uDE80".repeat(40));
    }

    @Test
    void invisibleAndSeparatorCharactersAreShownAsEscapes() {
        assertThat(ClientText.printable("a\u0007b")).isEqualTo("a\\u0007b");
        assertThat(ClientText.printable("zero\u200Bwidth \u2028line \u2029para \uFEFFbom \uFFFF"))
                .isEqualTo("zero\\u200bwidth \\u2028line \\u2029para \\ufeffbom \\uffff");
        assertThat(ClientText.printable(null)).isEqualTo("null");
        assertThat(ClientText.printable("红包 🧧")).isEqualTo("红包 🧧");
    }
}

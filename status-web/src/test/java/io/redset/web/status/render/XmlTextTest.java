package io.redset.web.status.render;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** XML 1.0's Char production, code point by code point, and the escapes for content and attributes. */
class XmlTextTest {

    @Test
    void exactlyTheCharactersOfXml10AreLegal() {
        assertThat(XmlText.isLegal(0x9)).isTrue();
        assertThat(XmlText.isLegal(0xA)).isTrue();
        assertThat(XmlText.isLegal(0xD)).isTrue();
        for (int cp = 0; cp < 0x20; cp++) {
            if (cp != 0x9 && cp != 0xA && cp != 0xD) {
                assertThat(XmlText.isLegal(cp)).as("U+%04X", cp).isFalse();
            }
        }
        assertThat(XmlText.isLegal(0x20)).isTrue();
        assertThat(XmlText.isLegal(0x7F)).as("DEL and C1 are allowed by XML 1.0").isTrue();
        assertThat(XmlText.isLegal(0x85)).isTrue();
        assertThat(XmlText.isLegal(0xD7FF)).isTrue();
        assertThat(XmlText.isLegal(0xD800)).isFalse();
        assertThat(XmlText.isLegal(0xDBFF)).isFalse();
        assertThat(XmlText.isLegal(0xDC00)).isFalse();
        assertThat(XmlText.isLegal(0xDFFF)).isFalse();
        assertThat(XmlText.isLegal(0xE000)).isTrue();
        assertThat(XmlText.isLegal(0xFFFD)).isTrue();
        assertThat(XmlText.isLegal(0xFFFE)).isFalse();
        assertThat(XmlText.isLegal(0xFFFF)).isFalse();
        assertThat(XmlText.isLegal(0x10000)).isTrue();
        assertThat(XmlText.isLegal(0x1F680)).isTrue();
        assertThat(XmlText.isLegal(0x10FFFF)).isTrue();
        assertThat(XmlText.isLegal(0x110000)).isFalse();
        assertThat(XmlText.isLegal(-1)).isFalse();
    }

    @Test
    void illegalCharactersBecomeOneReplacementEachAndPairsStay() {
        assertThat(XmlText.legal("a\u0000b\u0007c\u001Fd")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd");
        assertThat(XmlText.legal("\uFFFE\uFFFF")).isEqualTo("\uFFFD\uFFFD");
        assertThat(XmlText.legal("\uD800")).isEqualTo("\uFFFD");
        assertThat(XmlText.legal("\uDC00x")).isEqualTo("\uFFFDx");
        assertThat(XmlText.legal("\uDC00\uD800")).as("low before high is no pair").isEqualTo("\uFFFD\uFFFD");
        assertThat(XmlText.legal("\uD800\uD800\uDC00")).as("the second high pairs").isEqualTo("\uFFFD\uD800\uDC00");
        assertThat(XmlText.legal("\uD83D\uDE80")).isEqualTo("\uD83D\uDE80");
        assertThat(XmlText.legal("tab\tlf\ncr\r\u202E")).isEqualTo("tab\tlf\ncr\r\u202E");
        assertThat(XmlText.legal("<&>")).as("legal only replaces, it escapes nothing").isEqualTo("<&>");
        assertThat(XmlText.legal(null)).isEmpty();
        String plain = "nothing to do";
        assertThat(XmlText.text(plain)).isSameAs(plain);
    }

    @Test
    void markupIsEscapedAndWhitespaceSurvivesReaders() {
        assertThat(XmlText.text("<a href=\"x\" title='y'>&]]>")).isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;]]&gt;");
        assertThat(XmlText.text("a\r\nb\tc")).as("a raw CR would be read as LF").isEqualTo("a&#13;\nb\tc");
        assertThat(XmlText.attribute("a\r\nb\tc")).as("raw TAB and LF would be read as spaces")
                .isEqualTo("a&#13;&#10;b&#9;c");
        assertThat(XmlText.attribute("\"\u0000\uD800")).isEqualTo("&quot;\uFFFD\uFFFD");
        assertThat(XmlText.text(null)).isEmpty();
    }
}

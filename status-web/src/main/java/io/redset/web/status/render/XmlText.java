package io.redset.web.status.render;

/**
 * Text for XML 1.0 documents (the Atom and RSS feeds, the SVG badges and the page's SVG): the one
 * place that decides which characters may appear and how markup characters are escaped.
 *
 * <p>XML 1.0 allows only {@code #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]}.
 * Anything else (C0 controls such as NUL or BEL, U+FFFE, U+FFFF, a surrogate that is not half of a
 * pair) makes a conforming reader reject the whole document, so one incident text could break a
 * feed for every reader; it is replaced by U+FFFD, which tells the reader that something was there.
 * A lone surrogate must not reach {@link String#getBytes} either: UTF-8 encoding would turn it into
 * a '?' by accident.
 *
 * <p>The escaped forms are also safe in HTML (the page embeds the same fragments): {@code '} is
 * {@code &#39;} (HTML 4 has no {@code &apos;}), and CR, LF and TAB as numeric references are no
 * parse errors there.
 */
public final class XmlText {

    /** What an illegal character becomes. */
    public static final char REPLACEMENT = '\uFFFD';

    private XmlText() {
    }

    /** Whether XML 1.0 allows the code point (surrogate code points never are: only their pairs). */
    public static boolean isLegal(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || cp >= 0x20 && cp <= 0xD7FF
                || cp >= 0xE000 && cp <= 0xFFFD
                || cp >= 0x10000 && cp <= 0x10FFFF;
    }

    /** The text with every character XML 1.0 does not allow replaced by U+FFFD, nothing escaped; "" for null. */
    public static String legal(String text) {
        return escape(text, false, false);
    }

    /**
     * For element content: {@code & < > " '} as references (so {@code ]]>} and quotes cannot end
     * anything), CR as {@code &#13;} (a reader would turn a raw CR into LF), illegal characters as
     * U+FFFD. Also right inside attribute values, except that LF and TAB would come back as spaces
     * there: use {@link #attribute}.
     */
    public static String text(String text) {
        return escape(text, true, false);
    }

    /**
     * For attribute values quoted with {@code "} or {@code '}: as {@link #text}, and TAB and LF as
     * references too, because attribute-value normalisation turns raw ones into spaces.
     */
    public static String attribute(String text) {
        return escape(text, true, true);
    }

    private static String escape(String text, boolean markup, boolean attribute) {
        if (text == null) {
            return "";
        }
        StringBuilder b = null; // only when something changes: most text passes as it is
        int n = text.length();
        for (int k = 0; k < n; ) {
            int cp = text.codePointAt(k); // a lone surrogate comes back as itself, which is not legal
            int len = Character.charCount(cp);
            String with = replacement(cp, markup, attribute);
            if (with != null && b == null) {
                b = new StringBuilder(n + 16).append(text, 0, k);
            }
            if (b != null) {
                if (with != null) {
                    b.append(with);
                } else {
                    b.append(text, k, k + len);
                }
            }
            k += len;
        }
        return b == null ? text : b.toString();
    }

    /** What to write instead of the code point, or null to keep it. */
    private static String replacement(int cp, boolean markup, boolean attribute) {
        if (!isLegal(cp)) {
            return "\uFFFD";
        }
        if (!markup) {
            return null;
        }
        return switch (cp) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            case '\r' -> "&#13;";
            case '\n' -> attribute ? "&#10;" : null;
            case '\t' -> attribute ? "&#9;" : null;
            default -> null;
        };
    }
}

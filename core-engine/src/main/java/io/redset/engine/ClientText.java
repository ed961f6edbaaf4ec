package io.redset.engine;

/**
 * Client input as an error message may repeat it. Problem details echo what was refused (an unknown
 * component id, a foreign Origin, a bad enum value) so that the caller recognises it; the echo must
 * not carry what the input could do elsewhere: a line break that forges a log line, a direction
 * override (U+202E) that turns the rest of the message around, a NUL or lone surrogate that a JSON
 * or XML reader refuses, 16 KB of anything. The one place for that rule for the engine, the
 * wire-name lookups of every module ({@link WireName}) and status-web (the alerts module's texts in
 * notifications have their own rules, {@code SafeText}, which replace rather than escape). Pure
 * functions: thread-safe.
 */
public final class ClientText {

    /** How many code points of the input an echo keeps. */
    public static final int ECHO_LENGTH = 40;

    private ClientText() {
    }

    /**
     * At most {@link #ECHO_LENGTH} code points of the text (then {@code ...}); every control
     * character, format character (bidi controls, zero-width characters), surrogate that is not half
     * of a pair and non-character U+FFFE/U+FFFF written as a backslash, {@code u} and four hex
     * digits. {@code null} shows as {@code null}.
     */
    public static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        text.codePoints().limit(ECHO_LENGTH).forEach(cp -> {
            if (escaped(cp)) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        if (text.codePointCount(0, text.length()) > ECHO_LENGTH) {
            sb.append("...");
        }
        return sb.toString();
    }

    private static boolean escaped(int cp) {
        return Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                || Character.getType(cp) == Character.LINE_SEPARATOR || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR
                || cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE || cp == 0xFFFE || cp == 0xFFFF;
    }
}

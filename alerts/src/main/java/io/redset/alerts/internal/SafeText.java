package io.redset.alerts.internal;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Text from outside (a receiver's answer, an Alertmanager label, a console user's input) made fit for
 * where it goes next: a PostgreSQL {@code text} or {@code jsonb} value (which refuse a NUL), a log line
 * (a line break would start a forged one), an error message that the HTTP layer repeats to the client
 * (printable and short). Every method is a pure function: thread-safe, and null in gives null out
 * (except {@link #echo}, which shows it).
 */
public final class SafeText {

    /** How many characters of client text an error message repeats. */
    public static final int ECHO_LENGTH = 40;
    /** What ends a text that {@link #printable} cut. */
    public static final String CUT = "\u2026";
    private static final char REPLACEMENT = '\uFFFD';

    private SafeText() {
    }

    /**
     * The text with every control character (line breaks and tab included), format character
     * (e.g. bidi overrides), line or paragraph separator and unpaired surrogate written as a
     * {@code \}{@code u0000} escape, and cut to at most {@code maxLength} characters, ending with
     * {@link #CUT} when cut. Neither an escape nor a surrogate pair is ever split. For what is stored
     * as an error ({@code last_error}) or logged.
     */
    public static String printable(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive, was " + maxLength);
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), maxLength) + 8);
        int roomForCut = 0; // the longest prefix, at a piece boundary, that leaves room for CUT
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (escaped(cp)) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.append(text, i, i + n);
            }
            i += n;
            if (b.length() > maxLength) {
                b.setLength(roomForCut);
                return b.append(CUT).toString();
            }
            if (b.length() <= maxLength - CUT.length()) {
                roomForCut = b.length();
            }
        }
        return b.toString();
    }

    /**
     * Client text as an error message may repeat it: {@link #printable}, at most {@link #ECHO_LENGTH}
     * characters. The HTTP layer answers such messages to the client as they are.
     */
    public static String echo(Object clientText) {
        return clientText == null ? "null" : printable(String.valueOf(clientText), ECHO_LENGTH);
    }

    /**
     * The text with every control character except tab, line feed and carriage return (NUL, the other
     * C0 controls, DEL, C1 controls) and every unpaired surrogate replaced by U+FFFD; the same instance
     * when there is none. For values taken in from elsewhere that must still be stored and shown.
     */
    public static String replaceControls(String text) {
        if (text == null || firstControl(text) < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                b.append(c).append(text.charAt(++i));
            } else {
                b.append(refused(c) || Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return b.toString();
    }

    /**
     * The index of the first control character other than tab, line feed and carriage return, or of
     * the first unpaired surrogate; -1 when there is none.
     */
    public static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (refused(c) || Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Refuses a text with a control character other than tab and line breaks (a NUL cannot be stored)
     * or an unpaired surrogate. Null passes.
     *
     * @throws IllegalArgumentException starting with {@code field}, saying which character and where
     */
    public static void requireNoControls(String field, String text) {
        int at = text == null ? -1 : firstControl(text);
        if (at >= 0) {
            throw new IllegalArgumentException(String.format(
                    "%s must not contain control characters other than tab and line breaks (U+%04X at index %d)",
                    field, (int) text.charAt(at), at));
        }
    }

    /**
     * At most {@code maxLength} characters (UTF-16 units, so also at most that many code points): a
     * longer text is cut and ends with {@code ending}; a surrogate pair is never split.
     */
    public static String cut(String text, int maxLength, String ending) {
        if (text == null || text.length() <= maxLength) {
            return text;
        }
        int end = maxLength - ending.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.substring(0, Math.max(0, end)) + ending;
    }

    /** Is it an absolute http or https URL with a host (fit to be a link in a notification)? */
    public static boolean isHttpUrl(String text) {
        if (text == null) {
            return false;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean escaped(int cp) {
        int type = Character.getType(cp);
        return Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE; // a pair is one code point: unpaired
    }

    private static boolean refused(char c) {
        return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
    }
}

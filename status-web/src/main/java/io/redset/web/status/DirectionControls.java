package io.redset.web.status;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The explicit direction controls of Unicode's bidirectional algorithm in a text: the embeddings
 * and overrides (LRE U+202A, RLE U+202B, LRO U+202D, RLO U+202E, closed by PDF U+202C) and the
 * isolates (LRI U+2066, RLI U+2067, FSI U+2068, closed by PDI U+2069).
 *
 * <p>An opener that its own text does not close reaches past that text wherever it is shown: an
 * RLO at the end of a component name turns around the rest of the line it is joined into ("Affects:
 * SET 00, ...") on the page, in a mail or in a Slack message, and can make {@code gnp.exe} read as
 * {@code exe.png}. A closed one stays inside its text, which is all that right-to-left writing ever
 * needs, so status texts must close what they open ({@link StatusInput#checkText}). The matching
 * follows the algorithm: a PDF closes the innermost embedding or override unless an isolate is
 * open inside it, a PDI closes the innermost open isolate and everything opened inside it, and a
 * closer with nothing to close is ignored. A pure function: thread-safe.
 */
final class DirectionControls {

    private DirectionControls() {
    }

    /** Whether the code point is one of the openers or closers above. */
    static boolean isControl(int cp) {
        return cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069;
    }

    /** The index of the first opener that the text leaves open, or -1 when every one is closed. */
    static int firstUnclosed(String text) {
        Deque<Integer> open = null; // indexes of open controls, innermost first
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (!isControl(c)) {
                continue;
            }
            if (open == null) {
                open = new ArrayDeque<>();
            }
            if (c == 0x202C) {
                if (!open.isEmpty() && !isIsolate(text.charAt(open.peek()))) {
                    open.pop();
                }
            } else if (c == 0x2069) {
                if (open.stream().anyMatch(i -> isIsolate(text.charAt(i)))) {
                    while (!isIsolate(text.charAt(open.pop()))) {
                        // embeddings opened inside the isolate end with it
                    }
                }
            } else {
                open.push(k);
            }
        }
        return open == null || open.isEmpty() ? -1 : open.peekLast();
    }

    private static boolean isIsolate(char c) {
        return c >= 0x2066 && c <= 0x2068;
    }
}

package io.redset.web.status;

import io.redset.engine.InvalidInputException;
import io.redset.web.status.render.XmlText;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The rules for what admins write on the status page (names, bodies, descriptions, page settings)
 * and the ids the page gives out. Texts that break a rule are refused as bad input naming their
 * field (a 400) before anything is stored. Pure functions (the id generator is a thread-safe
 * {@link SecureRandom}): thread-safe.
 */
public final class StatusInput {

    private static final SecureRandom RANDOM = new SecureRandom();

    private StatusInput() {
    }

    /** A required text of one line (a name): see {@link #checkText}. */
    public static void requireLine(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        checkText(field, value, max, false);
    }

    /** A required text of several lines (an update's body, a postmortem): see {@link #checkText}. */
    public static void requireText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        checkText(field, value, max, true);
    }

    /**
     * Refuses (naming the field) a text longer than {@code max} chars or with a character that has
     * no business in it: a control character other than TAB (and CR and LF where
     * {@code multiLine}), a surrogate that is not half of a pair, U+FFFE or U+FFFF. The texts go to
     * feeds and SVG (XML 1.0 forbids these), the page, mail subjects (a CR LF in a name would end
     * the header), webhooks' JSON and the control database (PostgreSQL refuses NUL in text: a 500
     * instead of a 400); a lone surrogate cannot even be encoded in UTF-8. Refusing them at the
     * door keeps every copy the same instead of each output mending them its own way. For the same
     * reason a direction override or isolate must be closed in the text that opens it
     * ({@link DirectionControls}): left open, it turns around the text shown after it.
     */
    public static void checkText(String field, String value, int max, boolean multiLine) {
        if (value.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters");
        }
        for (int k = 0; k < value.length(); ) {
            int cp = value.codePointAt(k); // a lone surrogate comes back as itself
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                throw new InvalidInputException(field, "must not contain a lone surrogate (U+%04X at index %d)".formatted(cp, k));
            }
            if ((cp == '\n' || cp == '\r') && !multiLine) {
                throw new InvalidInputException(field, "must be a single line (line break at index " + k + ")");
            }
            boolean allowed = cp == '\t' || cp == '\n' || cp == '\r';
            if (!allowed && (Character.isISOControl(cp) || !XmlText.isLegal(cp))) {
                throw new InvalidInputException(field, (multiLine
                        ? "must not contain control characters other than line breaks and tabs"
                        : "must not contain control characters other than tabs")
                        + " (U+%04X at index %d)".formatted(cp, k));
            }
            k += Character.charCount(cp);
        }
        int unclosed = DirectionControls.firstUnclosed(value);
        if (unclosed >= 0) {
            throw new InvalidInputException(field, ("must close every direction override or isolate it opens (U+%04X at index %d"
                    + " is not closed by a U+202C or U+2069)").formatted((int) value.charAt(unclosed), unclosed));
        }
    }

    public static String slug(String text) {
        String s = text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (s.isEmpty() || s.length() > 40) {
            s = HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)), 0, 6);
        }
        return s;
    }

    /** 12 characters of a-z and 0-9, like Statuspage's ids. */
    public static String newId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        char[] id = new char[12];
        for (int k = 0; k < id.length; k++) {
            id[k] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return new String(id);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.redset.alerts.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** 16 hex digits of SHA-256 over the labels sorted by name: equal labels, equal fingerprint. */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static String of(Map<String, String> labels) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(labels).forEach((k, v) -> b.append(k).append('\u0000').append(v).append('\u0001'));
        return hex16(b.toString());
    }

    /** The first 16 hex digits of {@link #sha256Hex}. */
    public static String hex16(String text) {
        return sha256Hex(text).substring(0, 16);
    }

    /** SHA-256 of the text's UTF-8 bytes, 64 lower-case hex digits. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.redset.web.security;

import java.util.Locale;

/** What a service key may do on the claim API. */
public enum ApiScope {
    /** {@code POST /api/v1/envelopes} */
    SEND,
    /** grab and claim */
    CLAIM,
    /** details ({@code GET /api/v1/envelopes/{id}}) */
    READ;

    /** The name on the wire and in the database: {@code send}, {@code claim}, {@code read}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ApiScope ofWire(String text) {
        for (ApiScope s : values()) {
            if (s.wire().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException(text);
    }
}

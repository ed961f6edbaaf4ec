package io.redset.web.api;

import java.io.IOException;

/** A request body passed its limit while it was read (chunked bodies have no length to check first). */
public final class BodyTooLargeException extends IOException {

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The limit exception somewhere in the causes of t, or null. */
    public static BodyTooLargeException in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BodyTooLargeException b) {
                return b;
            }
        }
        return null;
    }
}

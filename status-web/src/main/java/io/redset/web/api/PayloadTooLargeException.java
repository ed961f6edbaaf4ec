package io.redset.web.api;

/** A request body above the API's size cap (HTTP 413). */
public final class PayloadTooLargeException extends RuntimeException {
    private final int maxBytes;

    public PayloadTooLargeException(int maxBytes) {
        super("request body is larger than " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }
}

package io.redset.alerts;

/** How one delivery attempt ended; a failure says whether trying again may help. */
public record DeliveryResult(boolean delivered, boolean retryable, String message) {

    public static DeliveryResult ok(String message) {
        return new DeliveryResult(true, false, message);
    }

    /** Worth another try: timeouts, connection refused, 5xx, 429. */
    public static DeliveryResult retry(String message) {
        return new DeliveryResult(false, true, message);
    }

    /** Trying again will not help: 4xx, a refused payload, bad configuration. */
    public static DeliveryResult permanent(String message) {
        return new DeliveryResult(false, false, message);
    }

    /** The usual classification of an HTTP status. */
    public static DeliveryResult ofHttpStatus(int status, String body) {
        String m = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) : body));
        if (status >= 200 && status < 300) {
            return ok(m);
        }
        return status == 429 || status >= 500 || status == 408 ? retry(m) : permanent(m);
    }
}

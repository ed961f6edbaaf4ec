package io.redset.alerts;

import io.redset.alerts.internal.SafeText;

/**
 * How one delivery attempt ended; a failure says whether trying again may help. The message often
 * repeats what a remote server answered (an HTTP body, an SMTP reply, an exception's text), and it is
 * stored as the outbox row's {@code last_error} and logged: it is kept only in its
 * {@link SafeText#printable printable} form (no NUL, which PostgreSQL refuses in text, no line break
 * that could forge a log line), without surrounding white space, at most {@link #MAX_MESSAGE} characters.
 */
public record DeliveryResult(boolean delivered, boolean retryable, String message) {

    /** The longest message kept. */
    public static final int MAX_MESSAGE = 1000;
    /** How much of an HTTP answer's body the message repeats. */
    static final int MAX_BODY = 200;

    public DeliveryResult {
        message = message == null ? null : SafeText.printable(message.strip(), MAX_MESSAGE);
    }

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

    /** The usual classification of an HTTP status; the message repeats the start of the body, printable. */
    public static DeliveryResult ofHttpStatus(int status, String body) {
        String m = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + SafeText.printable(body.strip(), MAX_BODY));
        if (status >= 200 && status < 300) {
            return ok(m);
        }
        return status == 429 || status >= 500 || status == 408 ? retry(m) : permanent(m);
    }
}

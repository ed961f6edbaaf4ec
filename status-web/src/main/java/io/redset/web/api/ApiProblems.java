package io.redset.web.api;

import io.redset.engine.EnvelopeNotFoundException;
import io.redset.engine.IdempotencyConflictException;
import io.redset.engine.InvalidInputException;
import io.redset.engine.RejectedException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How the engine's answers that are not results become RFC 9457 problems. Every RedSet problem has
 * a {@code type} of the form {@code urn:redset:problem:<name>}, a short {@code title}, the
 * {@code status}, a {@code detail} for humans, and extension members for programs:
 * {@code field} (400), {@code reason} and {@code set} (421, 429, 503), {@code envelopeId}.
 *
 * <pre>
 * InvalidInputException           400 invalid-input, field
 * EnvelopeNotFoundException       404 envelope-not-found
 * IdempotencyConflictException    409 idempotency-conflict
 * RejectedException RATE_LIMITED  429 rate-limited + Retry-After
 * RejectedException NOT_OWNED     421 not-owned
 * RejectedException (the others)  503 bulkhead-full, busy, mode, set-unavailable, timeout + Retry-After
 * PayloadTooLargeException        413 payload-too-large
 * Spring MVC's own (405, 415, ...) urn:redset:problem:method-not-allowed, ... (named after the status)
 * anything else                   500 internal-error with an errorId for the log, no internals
 * </pre>
 */
public final class ApiProblems {

    public static final String TYPE_PREFIX = "urn:redset:problem:";
    public static final int MISDIRECTED_REQUEST = 421;

    private ApiProblems() {
    }

    public static ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
        ProblemDetail p = problem(400, "invalid-input", "Invalid input", e.getMessage());
        p.setProperty("field", e.field());
        return respond(p, new HttpHeaders());
    }

    public static ResponseEntity<ProblemDetail> envelopeNotFound(EnvelopeNotFoundException e) {
        ProblemDetail p = problem(404, "envelope-not-found", "Envelope not found", e.getMessage());
        if (e.envelopeId() != null) {
            p.setProperty("envelopeId", e.envelopeId().toString());
        }
        return respond(p, new HttpHeaders());
    }

    public static ResponseEntity<ProblemDetail> idempotencyConflict(IdempotencyConflictException e) {
        ProblemDetail p = problem(409, "idempotency-conflict", "requestId already used", e.getMessage());
        p.setProperty("field", "requestId");
        if (e.firstEnvelope() != null) {
            p.setProperty("envelopeId", e.firstEnvelope().toString());
        }
        return respond(p, new HttpHeaders());
    }

    public static ResponseEntity<ProblemDetail> unknownSet(UnknownSetException e) {
        return respond(problem(404, "set-not-found", "SET not found", e.getMessage()), new HttpHeaders());
    }

    public static ResponseEntity<ProblemDetail> payloadTooLarge(PayloadTooLargeException e) {
        ProblemDetail p = problem(413, "payload-too-large", "Request body too large", e.getMessage());
        p.setProperty("field", JsonInput.BODY);
        return respond(p, new HttpHeaders());
    }

    /** A refusal; detail overrides the engine's message when the caller knows better words. */
    public static ResponseEntity<ProblemDetail> rejected(RejectedException e, String detail) {
        RejectedException.Reason reason = e.reason();
        int status = statusOf(reason);
        ProblemDetail p = problem(status, slug(reason.name()), titleOf(reason), detail != null ? detail : e.getMessage());
        p.setProperty("reason", reason.name());
        if (e.set() != null) {
            p.setProperty("set", e.set().tag());
        }
        HttpHeaders headers = new HttpHeaders();
        if (status == 429 || status == 503) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(e.retryAfter().orElse(null))));
        }
        return respond(p, headers);
    }

    /** The control database (users, mode audit) failed; claims on the SETs are not affected. */
    public static ResponseEntity<ProblemDetail> controlDatabaseUnavailable() {
        ProblemDetail p = problem(503, "control-database-unavailable", "Control database unavailable",
                "The control database did not answer; nothing was changed. Try again shortly.");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return respond(p, headers);
    }

    /** An unexpected failure: no internals leak, the id finds the stack trace in the log. */
    public static ResponseEntity<ProblemDetail> internalError(String errorId) {
        ProblemDetail p = problem(500, "internal-error", "Internal error",
                "The request failed unexpectedly. Report error id " + errorId + " to the operators.");
        p.setProperty("errorId", errorId);
        return respond(p, new HttpHeaders());
    }

    public static int statusOf(RejectedException.Reason reason) {
        return switch (reason) {
            case RATE_LIMITED -> 429;
            case NOT_OWNED -> MISDIRECTED_REQUEST;
            case BULKHEAD_FULL, BUSY, MODE, SET_UNAVAILABLE, TIMEOUT -> 503;
        };
    }

    /** Whole seconds, rounded up, at least 1 (Retry-After has no fractions, and 0 invites a hot loop). */
    public static long retryAfterSeconds(Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            return 1;
        }
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** A type for a plain HTTP error, named after its status: {@code urn:redset:problem:method-not-allowed}. */
    public static URI typeOf(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return URI.create(TYPE_PREFIX + (known == null ? "http-" + status : slug(known.name())));
    }

    public static ProblemDetail problem(int status, String slug, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        p.setType(URI.create(TYPE_PREFIX + slug));
        p.setTitle(title);
        return p;
    }

    static ResponseEntity<ProblemDetail> respond(ProblemDetail p, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(p.getStatus()).headers(headers).body(p);
    }

    private static String titleOf(RejectedException.Reason reason) {
        return switch (reason) {
            case RATE_LIMITED -> "Too many requests";
            case NOT_OWNED -> "SET served by another node";
            case BULKHEAD_FULL -> "SET overloaded";
            case BUSY -> "Envelope busy";
            case MODE -> "Paused by the SET's mode";
            case SET_UNAVAILABLE -> "SET unavailable";
            case TIMEOUT -> "Claim not confirmed in time";
        };
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

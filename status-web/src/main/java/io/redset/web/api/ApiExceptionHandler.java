package io.redset.web.api;

import io.redset.engine.ClaimEngine;
import io.redset.engine.EnvelopeNotFoundException;
import io.redset.engine.IdempotencyConflictException;
import io.redset.engine.InvalidInputException;
import io.redset.engine.RejectedException;
import io.redset.engine.SetId;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.UUID;

/**
 * Turns every error of the HTTP API into an RFC 9457 {@code application/problem+json} answer:
 * the engine's refusals through {@link ApiProblems}, Spring MVC's own (415, 405, 404, ...)
 * through {@link ResponseEntityExceptionHandler}, anything unexpected into a 500 without internals.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private static final URI BLANK_TYPE = URI.create("about:blank");

    private final ObjectProvider<ClaimEngine> engine;

    public ApiExceptionHandler(ObjectProvider<ClaimEngine> engine) {
        this.engine = engine;
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
        return ApiProblems.invalidInput(e);
    }

    @ExceptionHandler(EnvelopeNotFoundException.class)
    ResponseEntity<ProblemDetail> envelopeNotFound(EnvelopeNotFoundException e) {
        return ApiProblems.envelopeNotFound(e);
    }

    @ExceptionHandler(IdempotencyConflictException.class)
    ResponseEntity<ProblemDetail> idempotencyConflict(IdempotencyConflictException e) {
        return ApiProblems.idempotencyConflict(e);
    }

    @ExceptionHandler(UnknownSetException.class)
    ResponseEntity<ProblemDetail> unknownSet(UnknownSetException e) {
        return ApiProblems.unknownSet(e);
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(ForbiddenException e) {
        return ApiProblems.respond(ApiProblems.problem(403, "forbidden", "Forbidden", e.getMessage()),
                new HttpHeaders());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> payloadTooLarge(PayloadTooLargeException e) {
        return ApiProblems.payloadTooLarge(e);
    }

    @ExceptionHandler(RejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RejectedException e, HttpServletRequest request) {
        log.debug("Rejected {} {}: {} {}", request.getMethod(), request.getRequestURI(), e.reason(), e.getMessage());
        return ApiProblems.rejected(e, claimPausedDetail(e, request));
    }

    /** Spring JDBC is used on the control database only (users, mode audit); the SETs are unaffected. */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> controlDatabase(DataAccessException e, HttpServletRequest request) {
        log.warn("Control database failure on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return ApiProblems.controlDatabaseUnavailable();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        BodyTooLargeException tooLarge = BodyTooLargeException.in(e);
        if (tooLarge != null) {
            return ApiProblems.payloadTooLarge(new PayloadTooLargeException((int) Math.min(Integer.MAX_VALUE, tooLarge.limit())));
        }
        String errorId = UUID.randomUUID().toString();
        log.error("Unexpected error {} on {} {}", errorId, request.getMethod(), request.getRequestURI(), e);
        return ApiProblems.internalError(errorId);
    }

    /**
     * Spring MVC's own errors (415, 405, 404, 406, ...) come as ProblemDetail of type about:blank,
     * which is left out of the JSON; give them a RedSet type named after the status and send them
     * as problem+json like every other problem.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            org.springframework.http.converter.HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        BodyTooLargeException tooLarge = BodyTooLargeException.in(e);
        if (tooLarge != null) {
            ResponseEntity<ProblemDetail> problem =
                    ApiProblems.payloadTooLarge(new PayloadTooLargeException((int) Math.min(Integer.MAX_VALUE, tooLarge.limit())));
            return new ResponseEntity<>(problem.getBody(), problem.getHeaders(), problem.getStatusCode());
        }
        return super.handleHttpMessageNotReadable(e, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        HttpHeaders copy = headers == null ? new HttpHeaders() : HttpHeaders.copyOf(headers);
        if (body instanceof ProblemDetail problem) {
            copy.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            if (problem.getType() == null || BLANK_TYPE.equals(problem.getType())) {
                problem.setType(ApiProblems.typeOf(statusCode.value()));
            }
        }
        return new ResponseEntity<>(body, copy, statusCode);
    }

    /**
     * A claim or grab refused by the SET's mode (READ_ONLY, OFFLINE): tell the user that nothing
     * happened to their money, not just that the SET said no.
     */
    private String claimPausedDetail(RejectedException e, HttpServletRequest request) {
        String path = request.getRequestURI();
        if (e.reason() != RejectedException.Reason.MODE || !(path.endsWith("/claims") || path.endsWith("/grab"))) {
            return null;
        }
        SetId set = e.set();
        String mode = modeOf(set);
        return (set == null ? "This SET" : "SET " + set) + (mode == null ? " is paused" : " is in " + mode + " mode")
                + " and takes no claims right now. Your share is safe: nothing was claimed or debited."
                + " Try again later.";
    }

    private String modeOf(SetId set) {
        if (set == null) {
            return null;
        }
        try {
            ClaimEngine e = engine.getIfAvailable();
            return e == null ? null : e.set(set).mode().name();
        } catch (RuntimeException ignored) {
            return null;
        }
    }
}

package io.redset.web.api;

/** The caller is known but may not do this (403); the message says why, without internals. */
public final class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message, null, false, false);
    }
}

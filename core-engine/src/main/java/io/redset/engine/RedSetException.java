package io.redset.engine;

/** Base of every answer the engine gives that is not a result. No such answer changes money. */
public abstract class RedSetException extends RuntimeException {
    protected RedSetException(String message) {
        super(message);
    }

    protected RedSetException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.redset.web.api;

import io.redset.engine.ClientText;

/** A path names a SET that does not exist in this deployment (HTTP 404). */
public final class UnknownSetException extends RuntimeException {
    public UnknownSetException(String set, int setCount) {
        super("there is no SET " + ClientText.printable(set) + "; SETs are 00.." + String.format("%02d", setCount - 1));
    }
}

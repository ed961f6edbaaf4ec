package io.redset.web.status;

/** No incident, maintenance or component with that id. */
public final class StatusNotFoundException extends RuntimeException {

    public StatusNotFoundException(String what, String id) {
        super(what + " " + id + " not found");
    }
}

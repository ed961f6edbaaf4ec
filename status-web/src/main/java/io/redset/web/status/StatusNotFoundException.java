package io.redset.web.status;

import io.redset.engine.ClientText;

/**
 * No incident, maintenance or component with that id. The id comes from the request path: the
 * message (answered to the client) names it as {@link ClientText#printable} shows client input,
 * short and with controls and direction overrides escaped.
 */
public final class StatusNotFoundException extends RuntimeException {

    public StatusNotFoundException(String what, String id) {
        super(what + " " + ClientText.printable(id) + " not found");
    }
}

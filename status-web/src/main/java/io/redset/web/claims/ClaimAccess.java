package io.redset.web.claims;

import io.redset.engine.EnvelopeDetails;
import io.redset.engine.EnvelopeId;
import io.redset.web.api.ForbiddenException;
import io.redset.web.api.JsonInput;
import io.redset.web.security.ApiCaller;
import io.redset.web.security.ApiCallerAuthentication;
import io.redset.web.security.ApiScope;
import org.springframework.security.core.Authentication;

/**
 * What a caller of the claim API may do, checked on the server for every call: a service key
 * needs the call's scope and, if it is limited to some SETs, the envelope's SET; it acts for the
 * user its body names. A user's JWT acts only as its subject: a body that names another user is
 * refused (403), a body that names nobody acts as the subject, and details are shown only to the
 * envelope's sender and to those who claimed a share.
 */
final class ClaimAccess {

    private ClaimAccess() {
    }

    static ApiCaller caller(Authentication authentication) {
        if (authentication instanceof ApiCallerAuthentication a) {
            return a.getPrincipal();
        }
        throw new ForbiddenException("the claim API takes service API keys and users' JWTs only");
    }

    static void require(ApiCaller caller, ApiScope scope) {
        if (!caller.may(scope)) {
            throw new ForbiddenException("this API key lacks the scope \"" + scope.wire() + "\"");
        }
    }

    static void requireSet(ApiCaller caller, EnvelopeId id) {
        if (!caller.mayUse(id.set())) {
            throw new ForbiddenException("this API key may not use SET " + id.set());
        }
    }

    /** The user the call acts for: the body's field for a service key, the token's subject for a user. */
    static String actingUser(ApiCaller caller, JsonInput in, String field) {
        if (caller.kind() == ApiCaller.Kind.SERVICE) {
            return in.requiredString(field);
        }
        String named = in.optionalString(field);
        if (named != null && !named.equals(caller.name())) {
            throw new ForbiddenException(field + " names another user: a user's token acts only for its own subject");
        }
        return caller.name();
    }

    /** A user reads only envelopes they sent or claimed from; a service key with scope read reads all. */
    static void requireMayRead(ApiCaller caller, EnvelopeDetails details) {
        if (caller.kind() == ApiCaller.Kind.SERVICE) {
            return;
        }
        String user = caller.name();
        boolean involved = user.equals(details.senderId())
                || details.claims().stream().anyMatch(c -> user.equals(c.userId()));
        if (!involved) {
            throw new ForbiddenException("only the sender and those who claimed a share may read this envelope's details");
        }
    }

}

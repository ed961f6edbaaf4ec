package io.redset.web.console;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.redset.web.security.ConsoleRole;
import org.springframework.security.access.AccessDeniedException;

/**
 * Server-side checks of console actions: a button hidden from a role is one thing, the click
 * handler refusing it is what holds (a crafted request can call any listener the page has).
 * Roles are granted with the roles they include, so ADMIN holds ONCALL and VIEWER too.
 */
public final class ConsoleAccess {

    private ConsoleAccess() {
    }

    /** The highest role the signed-in user holds; VIEWER when unsure (the views need at least that). */
    public static ConsoleRole role(AuthenticationContext auth) {
        for (int i = ConsoleRole.values().length - 1; i >= 0; i--) {
            ConsoleRole r = ConsoleRole.values()[i];
            if (auth.hasRole(r.name())) {
                return r;
            }
        }
        return ConsoleRole.VIEWER;
    }

    /** The client address of the request being handled, for the audit trail; null outside a request. */
    public static String client() {
        VaadinRequest request = VaadinRequest.getCurrent();
        return request == null ? null : request.getRemoteAddr();
    }

    /** @throws AccessDeniedException when the signed-in user does not hold {@code needed} */
    public static String require(AuthenticationContext auth, ConsoleRole needed) {
        if (!auth.isAuthenticated() || !auth.hasRole(needed.name())) {
            throw new AccessDeniedException("needs role " + needed);
        }
        return auth.getPrincipalName().orElseThrow();
    }
}

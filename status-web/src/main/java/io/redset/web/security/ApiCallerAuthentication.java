package io.redset.web.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;


/** An authenticated caller of the claim API; authorities {@code SCOPE_send}, {@code SCOPE_claim}, {@code SCOPE_read}. */
public final class ApiCallerAuthentication extends AbstractAuthenticationToken {

    private final ApiCaller caller;

    public ApiCallerAuthentication(ApiCaller caller) {
        super(caller.scopes().stream().map(s -> new SimpleGrantedAuthority("SCOPE_" + s.wire())).toList());
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ApiCaller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiCallerAuthentication other && other.caller.equals(caller);
    }

    @Override
    public int hashCode() {
        return caller.hashCode();
    }
}

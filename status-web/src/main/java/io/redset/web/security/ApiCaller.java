package io.redset.web.security;

import io.redset.engine.SetId;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who calls the claim API, as established by {@link BearerAuthentication}.
 *
 * <ul>
 *   <li>{@link Kind#SERVICE}: an API key of the business's own app servers; acts for whichever
 *       user the body names, within its scopes and SETs.</li>
 *   <li>{@link Kind#USER}: an end user's JWT; acts only as its subject, may do everything a user
 *       does (send, grab, claim, read) but reads only envelopes it sent or claimed from.</li>
 * </ul>
 *
 * @param name  the key's name, or the token's subject (the user id)
 * @param sets  the SETs a key may use; null = every SET
 * @param keyId the key's id (SERVICE only), for audit and revocation
 */
public record ApiCaller(Kind kind, String name, Set<ApiScope> scopes, Set<SetId> sets, Long keyId) {

    public enum Kind { SERVICE, USER }

    public ApiCaller {
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
        sets = sets == null ? null : Set.copyOf(sets);
    }

    public static ApiCaller user(String subject) {
        return new ApiCaller(Kind.USER, subject, EnumSet.allOf(ApiScope.class), null, null);
    }

    public boolean may(ApiScope scope) {
        return scopes.contains(scope);
    }

    public boolean mayUse(SetId set) {
        return sets == null || sets.contains(set);
    }
}

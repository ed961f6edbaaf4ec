package io.redset.web.security;

/** Roles of console users, each including the ones before it: VIEWER < ONCALL < ADMIN. */
public enum ConsoleRole {
    VIEWER, ONCALL, ADMIN;

    /**
     * The authorities a user of this role holds: its own and every role it includes
     * ({@code ROLE_ADMIN, ROLE_ONCALL, ROLE_VIEWER} for ADMIN). Granted at login, so every check
     * agrees on them: URL rules, {@code isUserInRole} (which Vaadin's view access uses and which
     * does not read a role hierarchy) and the controllers.
     */
    public String[] authorities() {
        return java.util.Arrays.stream(values()).filter(r -> r.ordinal() <= ordinal()).map(ConsoleRole::authority)
                .toArray(String[]::new);
    }

    /** Does a user of this role hold {@code other}'s rights? */
    public boolean includes(ConsoleRole other) {
        return ordinal() >= other.ordinal();
    }

    /** The Spring Security authority, e.g. {@code ROLE_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }
}

package io.redset.web.security;

/** Roles of console users, each including the ones before it: VIEWER < ONCALL < ADMIN. */
public enum ConsoleRole {
    VIEWER, ONCALL, ADMIN;

    /** The Spring Security authority, e.g. {@code ROLE_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }
}

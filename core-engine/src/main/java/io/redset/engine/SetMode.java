package io.redset.engine;

/**
 * Degradation mode of one SET, switched by admins. What each mode lets through:
 * <pre>
 * mode         sends                 claims/grab   details
 * NORMAL       yes                   yes           yes
 * DEGRADED     yes, tighter limits   yes, tighter  refused
 * SEND_PAUSED  routed to other SETs  yes           yes
 * READ_ONLY    no                    no            yes
 * OFFLINE      no                    no            no
 * </pre>
 */
public enum SetMode {
    NORMAL(true, true, true),
    DEGRADED(true, true, false),
    SEND_PAUSED(false, true, true),
    READ_ONLY(false, false, true),
    OFFLINE(false, false, false);

    private final boolean sends;
    private final boolean claims;
    private final boolean details;

    SetMode(boolean sends, boolean claims, boolean details) {
        this.sends = sends;
        this.claims = claims;
        this.details = details;
    }

    public boolean allowsSend() {
        return sends;
    }

    public boolean allowsClaim() {
        return claims;
    }

    public boolean allowsDetails() {
        return details;
    }
}

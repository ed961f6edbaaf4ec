package io.redset.alerts;

/**
 * The declared receiver types. Each has exactly one {@link NotifierProvider} in its own package
 * {@code io.redset.alerts.<tag>}, registered in {@link Notifiers}; a test fails when a type declared
 * here has none (the checklist for a new type is in {@link Notifiers}).
 */
public enum ReceiverType {
    /** Generic webhook with the Alertmanager version-4 payload. */
    WEBHOOK("webhook"),
    /** PagerDuty Events API v2: trigger, acknowledge, resolve. */
    PAGERDUTY("pagerduty"),
    /** Slack incoming webhook. */
    SLACK("slack"),
    /** Email over SMTP. */
    EMAIL("email");

    private final String tag;

    ReceiverType(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    public String packageName() {
        return ReceiverType.class.getPackageName() + "." + tag;
    }

    public static ReceiverType ofTag(String tag) {
        for (ReceiverType t : values()) {
            if (t.tag.equals(tag)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown receiver type: " + tag + " (webhook, pagerduty, slack, email)");
    }
}

package io.redset.alerts;

import io.redset.engine.WireName;

/**
 * How urgent an alert is. The label value is the wire name; PagerDuty Events v2 knows only
 * critical, error, warning and info, so each severity names its PagerDuty one.
 */
public enum Severity implements WireName {
    /** Money invariants broken: wake everyone. */
    CRITICAL("critical", "critical"),
    /** Page the on-call engineer now. */
    PAGE("page", "critical"),
    /** Someone should look within the working day. */
    TICKET("ticket", "warning"),
    /** Worth knowing. */
    INFO("info", "info");

    private final String wireName;
    private final String pagerDuty;

    Severity(String wireName, String pagerDuty) {
        this.wireName = wireName;
        this.pagerDuty = pagerDuty;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public String pagerDutySeverity() {
        return pagerDuty;
    }

    public static Severity ofWireName(String name) {
        return WireName.of(Severity.class, "severity", name);
    }
}

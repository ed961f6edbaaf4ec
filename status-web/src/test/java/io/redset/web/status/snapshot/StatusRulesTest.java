package io.redset.web.status.snapshot;

import io.redset.probes.ComponentStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.redset.probes.ComponentStatus.DEGRADED_PERFORMANCE;
import static io.redset.probes.ComponentStatus.MAJOR_OUTAGE;
import static io.redset.probes.ComponentStatus.OPERATIONAL;
import static io.redset.probes.ComponentStatus.PARTIAL_OUTAGE;
import static io.redset.probes.ComponentStatus.UNDER_MAINTENANCE;
import static org.assertj.core.api.Assertions.assertThat;

class StatusRulesTest {

    static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void indicatorFollowsTheWorstComponent() {
        assertThat(StatusRules.indicator(List.of(OPERATIONAL, OPERATIONAL), List.of())).isEqualTo(Indicator.NONE);
        assertThat(StatusRules.indicator(List.of(OPERATIONAL, DEGRADED_PERFORMANCE), List.of())).isEqualTo(Indicator.MINOR);
        assertThat(StatusRules.indicator(List.of(PARTIAL_OUTAGE, DEGRADED_PERFORMANCE), List.of())).isEqualTo(Indicator.MAJOR);
        assertThat(StatusRules.indicator(List.of(PARTIAL_OUTAGE, MAJOR_OUTAGE), List.of())).isEqualTo(Indicator.CRITICAL);
    }

    @Test
    void unresolvedIncidentImpactRaisesTheIndicatorResolvedOnesDoNot() {
        Incident critical = incident("a", IncidentStatus.IDENTIFIED, Impact.CRITICAL, List.of());
        assertThat(StatusRules.indicator(List.of(OPERATIONAL), List.of(critical))).isEqualTo(Indicator.CRITICAL);
        Incident resolved = incident("b", IncidentStatus.RESOLVED, Impact.CRITICAL, List.of());
        assertThat(StatusRules.indicator(List.of(OPERATIONAL), List.of(resolved))).isEqualTo(Indicator.NONE);
        Incident minor = incident("c", IncidentStatus.MONITORING, Impact.MINOR, List.of());
        assertThat(StatusRules.indicator(List.of(PARTIAL_OUTAGE), List.of(minor))).isEqualTo(Indicator.MAJOR);
    }

    @Test
    void maintenanceShowsOnlyWhenNothingIsBroken() {
        Incident active = maintenance("m", IncidentStatus.IN_PROGRESS, List.of("web"));
        assertThat(StatusRules.indicator(List.of(OPERATIONAL), List.of(active))).isEqualTo(Indicator.MAINTENANCE);
        assertThat(StatusRules.indicator(List.of(UNDER_MAINTENANCE), List.of())).isEqualTo(Indicator.MAINTENANCE);
        assertThat(StatusRules.indicator(List.of(DEGRADED_PERFORMANCE), List.of(active))).isEqualTo(Indicator.MINOR);
        Incident scheduled = maintenance("n", IncidentStatus.SCHEDULED, List.of("web"));
        assertThat(StatusRules.indicator(List.of(OPERATIONAL), List.of(scheduled))).isEqualTo(Indicator.NONE);
    }

    @Test
    void componentTakesTheNewestStatusOfEachOpenIncidentAndTheWorstOverall() {
        Incident open = incident("a", IncidentStatus.IDENTIFIED, Impact.MAJOR, List.of(
                update("a", "u2", new AffectedComponent("web", "Web", MAJOR_OUTAGE, DEGRADED_PERFORMANCE)),
                update("a", "u1", new AffectedComponent("web", "Web", OPERATIONAL, MAJOR_OUTAGE))));
        assertThat(StatusRules.effectiveStatus("web", OPERATIONAL, List.of(open))).isEqualTo(DEGRADED_PERFORMANCE);
        assertThat(StatusRules.effectiveStatus("web", PARTIAL_OUTAGE, List.of(open))).isEqualTo(PARTIAL_OUTAGE);
        assertThat(StatusRules.effectiveStatus("api", OPERATIONAL, List.of(open))).isEqualTo(OPERATIONAL);
        Incident resolved = incident("b", IncidentStatus.RESOLVED, Impact.MAJOR, List.of(
                update("b", "u3", new AffectedComponent("web", "Web", OPERATIONAL, MAJOR_OUTAGE))));
        assertThat(StatusRules.effectiveStatus("web", OPERATIONAL, List.of(resolved))).isEqualTo(OPERATIONAL);
    }

    @Test
    void activeMaintenanceMarksOperationalComponentsOnly() {
        Incident active = maintenance("m", IncidentStatus.VERIFYING, List.of("web"));
        assertThat(StatusRules.effectiveStatus("web", OPERATIONAL, List.of(active))).isEqualTo(UNDER_MAINTENANCE);
        assertThat(StatusRules.effectiveStatus("web", MAJOR_OUTAGE, List.of(active))).isEqualTo(MAJOR_OUTAGE);
        assertThat(StatusRules.effectiveStatus("api", OPERATIONAL, List.of(active))).isEqualTo(OPERATIONAL);
        Incident done = maintenance("n", IncidentStatus.COMPLETED, List.of("web"));
        assertThat(StatusRules.effectiveStatus("web", OPERATIONAL, List.of(done))).isEqualTo(OPERATIONAL);
    }

    @Test
    void worstOfNoneIsOperational() {
        assertThat(StatusRules.worst(List.of())).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(StatusRules.worst(List.of(UNDER_MAINTENANCE, OPERATIONAL))).isEqualTo(UNDER_MAINTENANCE);
    }

    static Incident incident(String id, IncidentStatus status, Impact impact, List<IncidentUpdate> updates) {
        return new Incident(id, false, "Incident " + id, status, impact, T, T, T, null, null, null, null, false, null,
                List.of("web"), updates);
    }

    static Incident maintenance(String id, IncidentStatus status, List<String> components) {
        return new Incident(id, true, "Maintenance " + id, status, Impact.MAINTENANCE, T, T, T, null, null, T,
                T.plusSeconds(3600), true, null, components, List.of());
    }

    static IncidentUpdate update(String incident, String id, AffectedComponent affected) {
        return new IncidentUpdate(id, incident, IncidentStatus.IDENTIFIED, "text", T, T, true, List.of(affected));
    }
}

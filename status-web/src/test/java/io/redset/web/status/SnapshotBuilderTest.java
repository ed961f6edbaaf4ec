package io.redset.web.status;

import io.redset.engine.SetId;
import io.redset.probes.Component;
import io.redset.probes.ComponentId;
import io.redset.probes.ComponentState;
import io.redset.probes.ComponentStatus;
import io.redset.web.status.snapshot.AffectedComponent;
import io.redset.web.status.snapshot.Impact;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentStatus;
import io.redset.web.status.snapshot.IncidentUpdate;
import io.redset.web.status.snapshot.Indicator;
import io.redset.web.status.snapshot.PageComponent;
import io.redset.web.status.snapshot.PageSettings;
import io.redset.web.status.snapshot.StatusData;
import io.redset.web.status.snapshot.StatusSnapshot;
import io.redset.web.status.snapshot.StoredComponent;
import io.redset.web.status.snapshot.UptimeDay;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshot building without a database or probes: the inputs are what a refresh would have read. */
class SnapshotBuilderTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final PageSettings PAGE = new PageSettings("p", "RedSet", "https://status.example.org", ZoneOffset.UTC, null,
            NOW.minus(Duration.ofDays(3)));
    final UptimeHistory noHistory = new UptimeHistory(null, Duration.ofMinutes(5));

    static ComponentState live(int set, String group, ComponentStatus status) {
        SetId id = SetId.of(set);
        return new ComponentState(new Component(ComponentId.ofSet(id), "SET " + set, "", group, id), status,
                NOW.minusSeconds(60), "probe", null, null, List.of());
    }

    static StoredComponent manual(String id, String group, int position) {
        Instant created = NOW.minus(Duration.ofDays(2));
        return new StoredComponent(id, true, id, "", group, ComponentStatus.OPERATIONAL, position, true, false,
                null, created, created);
    }

    static Incident incident(String id, IncidentStatus status, String component, ComponentStatus declared, Instant started) {
        IncidentUpdate u = new IncidentUpdate(id + "-1", id, status, "text", started, started, true,
                List.of(new AffectedComponent(component, component, ComponentStatus.OPERATIONAL, declared)));
        return new Incident(id, false, "Incident " + id, status, Impact.MAJOR, started, started, started, null,
                status.isClosed() ? started.plusSeconds(600) : null, null, null, false, null, List.of(component), List.of(u));
    }

    StatusSnapshot build(List<StoredComponent> stored, List<ComponentState> live, List<Incident> incidents) {
        return SnapshotBuilder.build(7, PAGE, new StatusData(PAGE, stored, incidents, NOW), false, live, noHistory, NOW);
    }

    @Test
    void probeComponentsComeFirstAndAGroupSitsAtItsFirstMembersPlace() {
        StatusSnapshot s = build(List.of(manual("website", null, 3), manual("cdn", "Edge", 9), manual("dns", "Edge", 2)),
                List.of(live(1, "SETs", ComponentStatus.OPERATIONAL), live(2, "SETs", ComponentStatus.PARTIAL_OUTAGE)),
                List.of());

        assertThat(s.components()).extracting(PageComponent::id)
                .containsExactly("set-01", "set-02", "dns", "cdn", "website");
        assertThat(s.groups()).extracting(g -> g.name() + ":" + g.position() + ":" + g.status().wireName())
                .containsExactly("SETs:1:partial_outage", "Edge:2:operational");
        assertThat(s.groups().get(1).memberIds()).containsExactly("dns", "cdn");
        assertThat(s.components().get(0).groupId()).isEqualTo("group-sets");
        assertThat(s.components().get(4).groupId()).isNull();
        assertThat(s.indicator()).as("a partial outage is a major indicator, as on Statuspage").isEqualTo(Indicator.MAJOR);
        assertThat(s.version()).isEqualTo(7);
        assertThat(s.rendered()).as("the snapshot leaves rendered").isNotEmpty();
    }

    @Test
    void anOpenIncidentDeclaresAWorseStatusAndAResolvedOneNoLonger() {
        Instant started = NOW.minus(Duration.ofHours(1));
        StatusSnapshot open = build(List.of(), List.of(live(1, "SETs", ComponentStatus.OPERATIONAL)),
                List.of(incident("a", IncidentStatus.IDENTIFIED, "set-01", ComponentStatus.MAJOR_OUTAGE, started)));
        StatusSnapshot resolved = build(List.of(), List.of(live(1, "SETs", ComponentStatus.OPERATIONAL)),
                List.of(incident("a", IncidentStatus.RESOLVED, "set-01", ComponentStatus.MAJOR_OUTAGE, started)));

        assertThat(open.components().getFirst().status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(resolved.components().getFirst().status()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(open.incidents()).hasSize(1);
        assertThat(open.updatedAt()).isEqualTo(NOW.minusSeconds(60)); // the live component changed last
    }

    @Test
    void uptimeBarsShowTheDeclaredStatusOnTheIncidentsDayAndOperationalForAQuietManualComponent() {
        Instant yesterday = NOW.minus(Duration.ofDays(1));
        StatusSnapshot s = build(List.of(manual("website", null, 1), manual("api", null, 2)), List.of(),
                List.of(incident("b", IncidentStatus.RESOLVED, "api", ComponentStatus.PARTIAL_OUTAGE, yesterday)));

        List<UptimeDay> api = s.uptime().get("api");
        assertThat(api).hasSize(UptimeHistory.UPTIME_DAYS);
        assertThat(api.getLast().day()).isEqualTo(LocalDate.of(2026, 12, 2));
        UptimeDay incidentDay = api.get(api.size() - 2);
        assertThat(incidentDay.worst()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(incidentDay.incidents()).containsExactly("Incident b");
        assertThat(api.getLast().worst()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(s.uptime().get("website").getLast().worst()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(s.uptime().get("website").getFirst().worst()).as("before the component existed").isNull();
    }

    @Test
    void beforeTheFirstReadThePageHasNoComponentsAndSaysNothingIsWrong() {
        StatusSnapshot s = SnapshotBuilder.build(1, PAGE, null, true, List.of(), noHistory, NOW);
        assertThat(s.components()).isEmpty();
        assertThat(s.dataReadAt()).isNull();
        assertThat(s.dataStale()).isTrue();
        assertThat(s.indicator()).isEqualTo(Indicator.NONE);
    }
}

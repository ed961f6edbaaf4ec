package io.redset.web.status.api;

import io.redset.web.ApiClient.Response;
import io.redset.web.ApiClient;
import io.redset.web.RedSetBootTest;
import io.redset.web.status.render.StatuspageJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The eight Statuspage v2 endpoints against FORMATS.md: every field present with its type, enums
 * valid, timestamps strict ({@code yyyy-MM-dd'T'HH:mm:ss.SSSXXX}), groups wired both ways; GET and
 * HEAD, ETag and 304, Cache-Control, CORS; the admin endpoints that feed them; the feeds.
 */
@RedSetBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatuspageApiContractTest {

    static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    static final Set<String> COMPONENT_STATUS = Set.of("operational", "degraded_performance", "partial_outage",
            "major_outage", "under_maintenance");
    static final Set<String> INCIDENT_STATUS = Set.of("investigating", "identified", "monitoring", "resolved", "postmortem");
    static final Set<String> MAINTENANCE_STATUS = Set.of("scheduled", "in_progress", "verifying", "completed");
    static final Set<String> IMPACT = Set.of("none", "minor", "major", "critical");
    static final Set<String> INDICATOR = Set.of("none", "minor", "major", "critical", "maintenance");

    @LocalServerPort
    int port;

    ApiClient api;
    ApiClient admin;
    String incidentId;
    String upcomingId;
    String activeId;

    @BeforeAll
    void createIncidentAndMaintenances() {
        api = new ApiClient(port);
        admin = api.as("admin", RedSetBootTest.ADMIN_PASSWORD);
        Response created = admin.post("/api/v1/admin/status/incidents", json(
                "{'name':'Claims failing on SET 00','status':'investigating','impact':'major',"
                        + "'body':'We are looking into failed claims.','components':{'set-00':'major_outage'}}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        incidentId = created.json().get("id").stringValue();
        Response update = admin.post("/api/v1/admin/status/incidents/" + incidentId + "/updates", json(
                "{'status':'identified','body':'A disk filled up.','components':{'set-00':'partial_outage'}}"));
        assertThat(update.status()).as(update.body()).isEqualTo(201);

        Instant now = Instant.now();
        Response upcoming = admin.post("/api/v1/admin/status/maintenances", json(
                "{'name':'Database upgrade','body':'SET 01 is upgraded.','scheduledFor':'" + now.plus(2, ChronoUnit.DAYS)
                        + "','scheduledUntil':'" + now.plus(2, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS)
                        + "','components':['set-01']}"));
        assertThat(upcoming.status()).as(upcoming.body()).isEqualTo(201);
        upcomingId = upcoming.json().get("id").stringValue();
        Response active = admin.post("/api/v1/admin/status/maintenances", json(
                "{'name':'Network change','body':'Routers are replaced.','scheduledFor':'" + now.minus(1, ChronoUnit.MINUTES)
                        + "','scheduledUntil':'" + now.plus(3, ChronoUnit.HOURS) + "','components':['set-01']}"));
        assertThat(active.status()).as(active.body()).isEqualTo(201);
        activeId = active.json().get("id").stringValue();
        assertThat(active.json().get("status").stringValue()).isEqualTo("in_progress");
    }

    /**
     * The context is shared: leave no maintenance in progress (it would put set-01's probed health
     * under maintenance for the next test class) and no open incident.
     */
    @AfterAll
    void endMaintenanceAndIncident() {
        Response done = admin.post("/api/v1/admin/status/maintenances/" + activeId + "/updates",
                json("{'status':'completed','body':'Done early.'}"));
        assertThat(done.status()).as(done.body()).isEqualTo(201);
        Response resolved = admin.post("/api/v1/admin/status/incidents/" + incidentId + "/updates",
                json("{'status':'resolved','body':'Fixed.','components':{'set-00':'operational'}}"));
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(201);
    }

    @Test
    void statusJson() {
        JsonNode root = ok("/api/v2/status.json");
        checkPage(root);
        checkStatus(root.get("status"));
        assertThat(root.get("status").get("indicator").stringValue()).isIn("major", "critical");
    }

    @Test
    void componentsJsonWiresGroupsBothWays() {
        JsonNode root = ok("/api/v2/components.json");
        checkPage(root);
        checkComponents(root.get("components"));
        Map<String, JsonNode> byId = new HashMap<>();
        root.get("components").forEach(c -> byId.put(c.get("id").stringValue(), c));
        assertThat(byId).containsKeys("set-00", "set-01");
        JsonNode set00 = byId.get("set-00");
        assertThat(set00.get("status").stringValue()).isEqualTo("partial_outage");
        assertThat(byId.get("set-01").get("status").stringValue()).isEqualTo("under_maintenance");
        JsonNode group = byId.get(set00.get("group_id").stringValue());
        assertThat(group.get("group").booleanValue()).isTrue();
        assertThat(group.get("name").stringValue()).isEqualTo("Red envelope claims");
        assertThat(group.get("status").stringValue()).isEqualTo("partial_outage");
    }

    @Test
    void summaryJson() {
        JsonNode root = ok("/api/v2/summary.json");
        checkPage(root);
        checkStatus(root.get("status"));
        checkComponents(root.get("components"));
        checkIncidents(root.get("incidents"), false);
        checkIncidents(root.get("scheduled_maintenances"), true);
        assertThat(ids(root.get("incidents"))).contains(incidentId);
        assertThat(ids(root.get("scheduled_maintenances"))).contains(upcomingId, activeId);
        JsonNode incident = find(root.get("incidents"), incidentId);
        assertThat(incident.get("status").stringValue()).isEqualTo("identified");
        assertThat(incident.get("impact").stringValue()).isEqualTo("major");
        JsonNode latest = incident.get("incident_updates").get(0);
        assertThat(latest.get("body").stringValue()).isEqualTo("A disk filled up.");
        JsonNode affected = latest.get("affected_components").get(0);
        assertThat(affected.get("code").stringValue()).isEqualTo("set-00");
        assertThat(affected.get("old_status").stringValue()).isEqualTo("major_outage");
        assertThat(affected.get("new_status").stringValue()).isEqualTo("partial_outage");
        assertThat(incident.get("components").get(0).get("id").stringValue()).isEqualTo("set-00");
        assertThat(incident.get("shortlink").stringValue()).endsWith("/incidents/" + incidentId);
    }

    @Test
    void incidentsJsonAndUnresolved() {
        JsonNode all = ok("/api/v2/incidents.json");
        checkPage(all);
        checkIncidents(all.get("incidents"), false);
        assertThat(all.get("incidents").size()).isLessThanOrEqualTo(50);
        assertThat(ids(all.get("incidents"))).contains(incidentId);
        JsonNode unresolved = ok("/api/v2/incidents/unresolved.json");
        checkPage(unresolved);
        checkIncidents(unresolved.get("incidents"), false);
        unresolved.get("incidents").forEach(i ->
                assertThat(i.get("status").stringValue()).isIn("investigating", "identified", "monitoring"));
        assertThat(ids(unresolved.get("incidents"))).contains(incidentId);
    }

    @Test
    void scheduledMaintenancesAllUpcomingActive() {
        JsonNode all = ok("/api/v2/scheduled-maintenances.json");
        checkPage(all);
        checkIncidents(all.get("scheduled_maintenances"), true);
        assertThat(ids(all.get("scheduled_maintenances"))).contains(upcomingId, activeId);
        JsonNode upcoming = ok("/api/v2/scheduled-maintenances/upcoming.json");
        checkIncidents(upcoming.get("scheduled_maintenances"), true);
        upcoming.get("scheduled_maintenances").forEach(m -> assertThat(m.get("status").stringValue()).isEqualTo("scheduled"));
        assertThat(ids(upcoming.get("scheduled_maintenances"))).contains(upcomingId).doesNotContain(activeId);
        JsonNode active = ok("/api/v2/scheduled-maintenances/active.json");
        checkIncidents(active.get("scheduled_maintenances"), true);
        active.get("scheduled_maintenances").forEach(m ->
                assertThat(m.get("status").stringValue()).isIn("in_progress", "verifying"));
        assertThat(ids(active.get("scheduled_maintenances"))).contains(activeId).doesNotContain(upcomingId);
    }

    @Test
    void headEtagCacheControlAndCors() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String endpoint : StatuspageJson.ENDPOINTS) {
            URI uri = URI.create("http://localhost:" + port + "/api/v2/" + endpoint);
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri).header("Origin", "https://example.org").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).as(endpoint).isEqualTo(200);
            assertThat(get.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
            assertThat(get.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=").contains("public");
            assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
            HttpResponse<String> head = http.send(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).as("HEAD " + endpoint).isEqualTo(200);
            assertThat(head.body()).isEmpty();

            assertThat(get.headers().firstValue("ETag")).isPresent();
            ApiClient.Response again = api.revalidate("/api/v2/" + endpoint);
            assertThat(again.status()).as("If-None-Match " + endpoint).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.header("ETag")).isNotBlank()
                    .isEqualTo(again.raw().request().headers().firstValue("If-None-Match").orElseThrow());
        }
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v2/summary.json"))
                .header("Origin", "https://example.org").header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void adminNeedsCredentialsAndRefusesBadInput() {
        assertThat(api.post("/api/v1/admin/status/incidents", json("{'name':'x','body':'y'}")).status()).isEqualTo(401);
        Response badStatus = admin.post("/api/v1/admin/status/incidents", json("{'name':'x','body':'y','status':'on_fire'}"));
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("field").stringValue()).isEqualTo("status");
        Response badComponent = admin.post("/api/v1/admin/status/incidents",
                json("{'name':'x','body':'y','components':{'nope':'major_outage'}}"));
        assertThat(badComponent.status()).isEqualTo(400);
        assertThat(badComponent.json().get("field").stringValue()).isEqualTo("components");
        Response badWindow = admin.post("/api/v1/admin/status/maintenances", json(
                "{'name':'x','body':'y','scheduledFor':'2030-01-02T00:00:00Z','scheduledUntil':'2030-01-01T00:00:00Z'}"));
        assertThat(badWindow.status()).isEqualTo(400);
        assertThat(badWindow.json().get("field").stringValue()).isEqualTo("scheduledUntil");
        assertThat(admin.post("/api/v1/admin/status/incidents/nothere/updates", json("{'status':'resolved','body':'ok'}"))
                .status()).isEqualTo(404);
        assertThat(ids(ok("/api/v2/incidents.json").get("incidents"))).doesNotContain("x");
    }

    @Test
    void manualComponentJoinsTheList() {
        Response saved = admin.put("/api/v1/admin/status/components/website", json(
                "{'name':'Website','description':'The marketing site','status':'degraded_performance'}"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode c = find(ok("/api/v2/components.json").get("components"), "website");
        assertThat(c.get("status").stringValue()).isEqualTo("degraded_performance");
        assertThat(c.get("group_id").isNull()).isTrue();
        assertThat(admin.put("/api/v1/admin/status/components/website", json("{'status':'operational'}")).status()).isEqualTo(200);
    }

    @Test
    void feedsAreWellFormedAtomAndRss() throws Exception {
        Response atom = api.get("/history.atom");
        assertThat(atom.status()).isEqualTo(200);
        assertThat(atom.contentType()).startsWith("application/atom+xml");
        Document a = xml(atom.body());
        assertThat(a.getDocumentElement().getLocalName()).isEqualTo("feed");
        assertThat(a.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(a.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength()).isGreaterThanOrEqualTo(3);
        assertThat(atom.body()).contains("Claims failing on SET 00");
        Response rss = api.get("/history.rss");
        assertThat(rss.status()).isEqualTo(200);
        assertThat(rss.contentType()).startsWith("application/rss+xml");
        Document r = xml(rss.body());
        assertThat(r.getDocumentElement().getTagName()).isEqualTo("rss");
        assertThat(r.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
        assertThat(r.getElementsByTagName("item").getLength()).isGreaterThanOrEqualTo(3);
    }

    // ------------------------------------------------------------------ shape checks

    private JsonNode ok(String path) {
        Response r = api.get(path);
        assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
        return r.json();
    }

    private static void checkPage(JsonNode root) {
        JsonNode page = root.get("page");
        assertThat(page).isNotNull();
        assertThat(fields(page)).containsExactlyInAnyOrder("id", "name", "url", "time_zone", "updated_at");
        assertThat(page.get("time_zone").stringValue()).isEqualTo("Etc/UTC");
        timestamp(page.get("updated_at"));
    }

    private static void checkStatus(JsonNode status) {
        assertThat(fields(status)).containsExactlyInAnyOrder("indicator", "description");
        assertThat(status.get("indicator").stringValue()).isIn(INDICATOR);
        assertThat(status.get("description").stringValue()).isNotBlank();
    }

    private static void checkComponents(JsonNode components) {
        assertThat(components.isArray()).isTrue();
        Map<String, JsonNode> byId = new HashMap<>();
        components.forEach(c -> byId.put(c.get("id").stringValue(), c));
        for (JsonNode c : components) {
            checkComponent(c);
            if (c.get("group").booleanValue()) {
                assertThat(c.get("components").isArray()).isTrue();
                for (JsonNode member : c.get("components")) {
                    assertThat(byId).containsKey(member.stringValue());
                    assertThat(byId.get(member.stringValue()).get("group_id").stringValue()).isEqualTo(c.get("id").stringValue());
                }
            } else if (!c.get("group_id").isNull()) {
                JsonNode group = byId.get(c.get("group_id").stringValue());
                assertThat(group).as("group of " + c.get("id")).isNotNull();
                assertThat(ids(group.get("components"), true)).contains(c.get("id").stringValue());
            }
        }
    }

    private static void checkComponent(JsonNode c) {
        Set<String> expected = new HashSet<>(List.of("id", "name", "status", "created_at", "updated_at", "position",
                "description", "showcase", "start_date", "group_id", "page_id", "group", "only_show_if_degraded"));
        if (c.get("group").booleanValue()) {
            expected.add("components");
        }
        assertThat(fields(c)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(c.get("status").stringValue()).isIn(COMPONENT_STATUS);
        timestamp(c.get("created_at"));
        timestamp(c.get("updated_at"));
        assertThat(c.get("position").isInt()).isTrue();
        assertThat(c.get("description").isNull() || c.get("description").isString()).isTrue();
        assertThat(c.get("showcase").isBoolean()).isTrue();
        assertThat(c.get("only_show_if_degraded").isBoolean()).isTrue();
        assertThat(c.get("group").isBoolean()).isTrue();
        assertThat(c.get("page_id").stringValue()).isEqualTo("redset");
        assertThat(c.get("start_date").isNull() || c.get("start_date").stringValue().matches("\\d{4}-\\d{2}-\\d{2}")).isTrue();
    }

    private static void checkIncidents(JsonNode incidents, boolean maintenance) {
        assertThat(incidents.isArray()).isTrue();
        for (JsonNode i : incidents) {
            Set<String> expected = new HashSet<>(List.of("id", "name", "status", "impact", "created_at", "updated_at",
                    "monitoring_at", "resolved_at", "started_at", "shortlink", "page_id", "incident_updates", "components"));
            if (maintenance) {
                expected.addAll(List.of("scheduled_for", "scheduled_until"));
                timestamp(i.get("scheduled_for"));
                timestamp(i.get("scheduled_until"));
                assertThat(i.get("status").stringValue()).isIn(MAINTENANCE_STATUS);
                assertThat(i.get("impact").stringValue()).isEqualTo("maintenance");
            } else {
                assertThat(i.get("status").stringValue()).isIn(INCIDENT_STATUS);
                assertThat(i.get("impact").stringValue()).isIn(IMPACT);
            }
            assertThat(fields(i)).containsExactlyInAnyOrderElementsOf(expected);
            timestamp(i.get("created_at"));
            timestamp(i.get("updated_at"));
            timestamp(i.get("started_at"));
            nullableTimestamp(i.get("monitoring_at"));
            nullableTimestamp(i.get("resolved_at"));
            assertThat(i.get("shortlink").stringValue()).startsWith("http");
            assertThat(i.get("incident_updates").size()).isGreaterThan(0);
            for (JsonNode u : i.get("incident_updates")) {
                assertThat(fields(u)).containsExactlyInAnyOrder("id", "incident_id", "status", "body", "created_at",
                        "updated_at", "display_at", "affected_components", "deliver_notifications", "custom_tweet", "tweet_id");
                assertThat(u.get("incident_id").stringValue()).isEqualTo(i.get("id").stringValue());
                assertThat(u.get("status").stringValue()).isIn(maintenance ? MAINTENANCE_STATUS : INCIDENT_STATUS);
                timestamp(u.get("created_at"));
                timestamp(u.get("updated_at"));
                timestamp(u.get("display_at"));
                assertThat(u.get("deliver_notifications").isBoolean()).isTrue();
                JsonNode affected = u.get("affected_components");
                if (!affected.isNull()) {
                    for (JsonNode a : affected) {
                        assertThat(fields(a)).containsExactlyInAnyOrder("code", "name", "old_status", "new_status");
                        assertThat(a.get("old_status").stringValue()).isIn(COMPONENT_STATUS);
                        assertThat(a.get("new_status").stringValue()).isIn(COMPONENT_STATUS);
                    }
                }
            }
            i.get("components").forEach(StatuspageApiContractTest::checkComponent);
        }
    }

    private static void timestamp(JsonNode node) {
        assertThat(node.isString()).as("timestamp " + node).isTrue();
        String text = node.stringValue();
        assertThat(text).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2})");
        OffsetDateTime.parse(text, STRICT);
    }

    private static void nullableTimestamp(JsonNode node) {
        if (!node.isNull()) {
            timestamp(node);
        }
    }

    private static Set<String> fields(JsonNode node) {
        return new HashSet<>(node.propertyNames());
    }

    private static List<String> ids(JsonNode array) {
        return array.valueStream().map(n -> n.get("id").stringValue()).toList();
    }

    private static List<String> ids(JsonNode array, boolean plain) {
        return array.valueStream().map(JsonNode::stringValue).toList();
    }

    private static JsonNode find(JsonNode array, String id) {
        return array.valueStream().filter(n -> n.get("id").stringValue().equals(id)).findFirst().orElseThrow();
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}

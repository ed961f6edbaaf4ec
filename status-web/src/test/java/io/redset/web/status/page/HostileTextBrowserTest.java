package io.redset.web.status.page;

import io.redset.web.ApiClient.Response;
import io.redset.web.ApiClient;
import io.redset.web.HeadlessChromium;
import io.redset.web.RedSetBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.w3c.dom.Document;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile text on the public page, in a real browser (Debian's Chromium, headless): strings that
 * break scripts, comments and attributes, script URLs, SVG, bidi overrides are written into an
 * incident, its update, a maintenance, a component and the page name; then the page, the history
 * and the incident page are opened as a visitor would. No script may run (the corpus tries to set
 * {@code window.__pwned} and to open an alert), the page must stay whole (its footer renders) and
 * show each string as text. The initial HTML must not contain any of them raw, the feeds and badges
 * must parse as XML, and texts that no page can show safely (NUL, lone surrogates, 100 KB) are
 * refused with a problem naming the field. Runs in the profile {@code browser-tests}.
 */
@RedSetBootTest
@TestPropertySource(properties = {"vaadin.devmode.devTools.enabled=false", "redset.status.poll-interval=PT2S"})
@EnabledIfSystemProperty(named = "redset.browser-tests", matches = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTextBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Accepted by the API and shown as text. Each tries to run script if it were markup. */
    static final Map<String, String> SHOWN = new LinkedHashMap<>();

    static {
        SHOWN.put("incident name", "Outage </script><script>window.__pwned='name';alert(1)</script> on SET 00");
        SHOWN.put("incident body", "Started <!-- <script> window.__pwned='comment' </script> and --> more");
        SHOWN.put("update body", "\"><img src=x onerror=\"window.__pwned='attr';alert(2)\"> still investigating");
        SHOWN.put("maintenance name", "<svg onload=\"window.__pwned='svg'\"><script>window.__pwned='svg2'</script></svg>");
        SHOWN.put("maintenance body", "javascript:window.__pwned='url' ]]> &amp; &lt;b&gt; ' OR 1=1 --");
        SHOWN.put("component name", "SET 00 \u202Egnp\u202C.exe </title><style>*{display:none}</style>");
        SHOWN.put("component description", "{{7*7}} ${7*7} <iframe src=javascript:alert(3)> 🧧 红包");
        SHOWN.put("page name", "RedSet <base href=https://evil.example/> status");
    }

    static final String MANUAL_COMPONENT = "hostile-cdn";

    @LocalServerPort
    int port;

    WebDriver driver;
    ApiClient admin;
    String incidentId;

    private static String body(Map<String, Object> fields) {
        ObjectNode node = JSON.createObjectNode();
        fields.forEach((k, v) -> node.set(k, JSON.valueToTree(v)));
        return node.toString();
    }

    @BeforeAll
    void start() throws Exception {
        admin = new ApiClient(port).as("admin", RedSetBootTest.ADMIN_PASSWORD);
        Response page = admin.put("/api/v1/admin/status/page", body(Map.of("name", SHOWN.get("page name"))));
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        // a manual component: probe components take their names from the probes
        Response component = admin.put("/api/v1/admin/status/components/" + MANUAL_COMPONENT, body(Map.of(
                "name", SHOWN.get("component name"), "description", SHOWN.get("component description"),
                "status", "operational")));
        assertThat(component.status()).as(component.toString()).isEqualTo(200);
        Response created = admin.post("/api/v1/admin/status/incidents", body(Map.of(
                "name", SHOWN.get("incident name"), "status", "identified", "impact", "major",
                "body", SHOWN.get("incident body"), "components", Map.of("set-00", "major_outage", MANUAL_COMPONENT, "degraded_performance"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        incidentId = created.json().get("id").stringValue();
        Response update = admin.post("/api/v1/admin/status/incidents/" + incidentId + "/updates", body(Map.of(
                "status", "monitoring", "body", SHOWN.get("update body"))));
        assertThat(update.status()).as(update.toString()).isIn(200, 201);
        Response maintenance = admin.post("/api/v1/admin/status/maintenances", body(Map.of(
                "name", SHOWN.get("maintenance name"), "body", SHOWN.get("maintenance body"),
                "scheduledFor", Instant.now().plus(Duration.ofHours(2)).toString(),
                "scheduledUntil", Instant.now().plus(Duration.ofHours(3)).toString(), "components", List.of("set-01"))));
        assertThat(maintenance.status()).as(maintenance.toString()).isEqualTo(201);

        Files.createDirectories(SCREENSHOTS);
        // an alert opened by injected script must fail the next command, not be dismissed quietly
        driver = HeadlessChromium.start("hostile", 1280, 2400, o -> o.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE));
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    private String open(String path, String shot) throws Exception {
        driver.get("http://localhost:" + port + path);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("footer")));
        wait.until(d -> d.findElement(By.tagName("main")).getText().contains("Outage"));
        assertThat(ExpectedConditions.alertIsPresent().apply(driver)).as("an alert was opened on " + path).isNull();
        Object pwned = ((JavascriptExecutor) driver).executeScript("return window.__pwned === undefined ? null : String(window.__pwned);");
        assertThat(pwned).as("injected script ran on " + path).isNull();
        assertThat(driver.findElements(By.tagName("footer"))).as("the page is whole: its footer renders").isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("base[href^='https://evil']"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("main img[src='x'], main iframe, main svg[onload]"))).isEmpty();
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(shot),
                StandardCopyOption.REPLACE_EXISTING);
        return driver.findElement(By.tagName("body")).getText();
    }

    @Test
    void thePagesShowHostileTextAsTextAndRunNothing() throws Exception {
        String home = open("/", "hostile-home.png");
        // the home page shows an incident's latest update; the first one is on the incident's own page
        assertThat(home).contains(SHOWN.get("incident name"), SHOWN.get("update body"),
                SHOWN.get("component name"), SHOWN.get("maintenance name"));
        String incident = open("/incidents/" + incidentId, "hostile-incident.png");
        assertThat(incident).contains(SHOWN.get("incident name"), SHOWN.get("update body"), SHOWN.get("incident body"));
        String history = open("/history", "hostile-history.png");
        assertThat(history).contains(SHOWN.get("incident name"));
        // the page name is the title's text, not markup in the head
        assertThat(driver.getTitle()).startsWith(SHOWN.get("page name"));
        assertThat(driver.findElements(By.cssSelector("base[href*=evil]"))).isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('style')].some(s => s.textContent.includes('*{display:none}'));"))
                .as("a style element from the component name").isEqualTo(false);
    }

    @Test
    void theInitialHtmlHoldsNoHostileMarkup() {
        for (String path : List.of("/", "/history", "/incidents/" + incidentId)) {
            String html = new ApiClient(port).get(path).body();
            assertThat(html).as(path).contains("window.Vaadin.TypeScript=");
            for (String needle : List.of("</script><script>window.__pwned", "<!-- <script>", "<img src=x",
                    "<svg onload", "<iframe", "<base href=https://evil", "</title><style>")) {
                assertThat(html).as(path + " holds " + needle).doesNotContain(needle);
            }
            // exactly as many script ends as script starts: no text closed a script early
            assertThat(count(html, "</script")).as(path).isEqualTo(count(html, "<script"));
        }
    }

    @Test
    void feedsAndBadgesStayWellFormedXml() throws Exception {
        for (String path : List.of("/history.atom", "/history.rss", "/badge/status.svg", "/badge/components/set-00.svg", "/badge/components/" + MANUAL_COMPONENT + ".svg",
                "/badge/components/set-00/uptime.svg")) {
            Response r = new ApiClient(port).get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            Document doc = parse(r.body());
            assertThat(doc.getElementsByTagNameNS("*", "script").getLength()).as(path).isZero();
        }
        Document atom = parse(new ApiClient(port).get("/history.atom").body());
        assertThat(atom.getDocumentElement().getTextContent()).contains(SHOWN.get("incident name"));
    }

    @Test
    void textThatNoPageCanShowIsRefusedAndNothingIsStored() {
        List<String> refused = new ArrayList<>();
        // JSON string contents exactly as a hostile client sends them: the escapes reach the server as written
        // (a Java string with a lone surrogate would be turned into '?' by the client's UTF-8 encoder)
        Map<String, String> bad = Map.of(
                "NUL", "marker-nul\\u0000after",
                "lone high surrogate", "marker-high \\uD800 text",
                "lone low surrogate", "marker-low \\uDC00 text",
                "bell", "marker-bell\\u0007",
                "unclosed right-to-left override", "marker-rlo \\u202Egnp.exe",
                "100 KB", "x".repeat(100 * 1024));
        bad.forEach((what, text) -> {
            Response r = admin.post("/api/v1/admin/status/incidents", "{\"name\":\"" + text
                    + "\",\"status\":\"investigating\",\"impact\":\"minor\",\"body\":\"b\",\"components\":{}}");
            if (r.status() != 400 && r.status() != 413) {
                refused.add(what + " was answered " + r);
            } else {
                assertThat(r.contentType()).as(what).startsWith("application/problem+json");
            }
        });
        assertThat(refused).isEmpty();
        assertThat(admin.get("/api/v2/incidents.json").body()).doesNotContain("marker-")
                .doesNotContain("xxxxxxxxxx");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}

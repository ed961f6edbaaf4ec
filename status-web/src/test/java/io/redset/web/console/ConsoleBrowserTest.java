package io.redset.web.console;

import io.redset.engine.ClaimEngine;
import io.redset.engine.SetId;
import io.redset.engine.SetMode;
import io.redset.web.ApiClient.Response;
import io.redset.web.ApiClient;
import io.redset.web.HeadlessChromium;
import io.redset.web.RedSetBootTest;
import io.redset.web.security.ConsoleRole;
import io.redset.web.security.ConsoleUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real browser (Debian's Chromium, headless), as its users meet it: an anonymous
 * visitor is sent to the sign-in; an on-call engineer acknowledges a firing alert with a comment;
 * an admin switches a SET to DEGRADED and the public status follows; a viewer can do neither. Each
 * action leaves its audit row. Screenshots under {@code target/screenshots/console-*.png}.
 */
@RedSetBootTest
@TestPropertySource(properties = {"vaadin.devmode.devTools.enabled=false",
        // a return short enough to watch it happen in the test, checked every second
        "redset.console.mode-return-choices=5s,15m", "redset.console.mode-return-check=1s"})
@EnabledIfSystemProperty(named = "redset.browser-tests", matches = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final java.util.Set<String> README_SHOTS = java.util.Set.of("overview", "alerts", "sets");
    static final String HOSTILE_COMMENT = "on it </script><img src=x onerror=window.__pwned=1> 处理中";

    @LocalServerPort
    int port;

    @Autowired
    ConsoleUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ClaimEngine engine;

    WebDriver driver;
    WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        users.create("console-oncall", "oncall-password-1", ConsoleRole.ONCALL);
        users.create("console-viewer", "viewer-password-1", ConsoleRole.VIEWER);
        Files.createDirectories(SCREENSHOTS);
        driver = HeadlessChromium.start("console", 1280, 900, o -> { });
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        // the views redraw after each action: an element found a moment before may be gone
        wait.ignoring(StaleElementReferenceException.class);
    }

    @BeforeEach
    void signedOut() {
        driver.manage().deleteAllCookies();
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    void signIn(String username, String password) {
        driver.get(url("/console/login"));
        WebElement user = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("vaadin-login-form input[name='username']")));
        user.sendKeys(username);
        driver.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys(password);
        driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit'], vaadin-login-form [part='vaadin-login-submit']")).click();
        wait.until(ExpectedConditions.urlToBe(url("/console")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".console-overview")));
    }

    /** Under target/screenshots; with {@code -Dredset.readme-screenshot=true} the README's copies in docs/ too. */
    void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve("console-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("redset.readme-screenshot") && README_SHOTS.contains(name)) {
            Files.copy(shot.toPath(), Path.of("..", "docs", "console-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void everyConsolePageIsAccessibleAndAnAdminCreatesAUser() throws Exception {
        driver.get(url("/console/login"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form input[name='username']")));
        assertNoViolations("/console/login");
        signIn("admin", RedSetBootTest.ADMIN_PASSWORD);
        for (String[] page : new String[][]{{"/console", ".console-overview"}, {"/console/alerts", ".console-alerts"},
                {"/console/sets", ".console-sets"}, {"/console/incidents", ".console-incidents"},
                {"/console/maintenance", ".console-maintenance"}, {"/console/notifications", ".console-notifications"},
                {"/console/account", ".console-account"}, {"/console/users", ".console-users"}, {"/console/audit", ".console-audit"}}) {
            driver.get(url(page[0]));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(page[1])));
            assertNoViolations(page[0]);
        }

        driver.get(url("/console/users"));
        WebElement name = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".console-new-username input")));
        name.sendKeys("console-newbie");
        driver.findElement(By.cssSelector(".console-new-user .console-switch")).click();
        WebElement message = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//p[contains(@class,'console-message')][contains(., 'console-newbie')]")));
        String password = message.getText().substring(message.getText().lastIndexOf(' ') + 1);
        assertThat(password).hasSize(24);
        assertThat(new ApiClient(port).as("console-newbie", password).get("/api/v1/me").status()).isEqualTo(200);
        assertThat(driver.findElements(By.cssSelector("tr[data-user='console-newbie']"))).hasSize(1);
        assertThat(auditRows("user.create", "admin")).isGreaterThanOrEqualTo(1);

        // the new user changes the generated password in the console
        driver.manage().deleteAllCookies();
        signIn("console-newbie", password);
        driver.get(url("/console/account"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".console-current-password input"))).sendKeys(password);
        driver.findElement(By.cssSelector(".console-new-password input")).sendKeys("newbie-chosen-password");
        driver.findElement(By.cssSelector(".console-account .console-switch")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".console-account .console-message"),
                "Password changed"));
        assertThat(new ApiClient(port).as("console-newbie", "newbie-chosen-password").get("/api/v1/me").status()).isEqualTo(200);
        assertThat(new ApiClient(port).as("console-newbie", password).get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void hostileTextTypedIntoConsoleFormsIsStoredAndShownAsTextOrRefusedWithAReason() throws Exception {
        signIn("console-oncall", "oncall-password-1");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        for (String hostile : List.of("</script><script>window.__pwned=1</script>", "<!-- <script>window.__pwned=2",
                "\"><img src=x onerror=window.__pwned=3>", "<svg onload=window.__pwned=4>", "javascript:window.__pwned=5")) {
            driver.get(url("/console/incidents"));
            WebElement name = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".console-incident-name input")));
            js.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                    + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", name, "Hostile " + hostile);
            WebElement body = driver.findElement(By.cssSelector(".console-incident-body textarea"));
            js.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                    + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", body, hostile);
            driver.findElement(By.cssSelector(".console-declare")).click();
            WebElement card = wait.until(d -> d.findElements(By.cssSelector(".console-incident h3")).stream()
                    .filter(h -> h.getText().equals("Hostile " + hostile)).findFirst().orElse(null));
            assertThat(card.getText()).isEqualTo("Hostile " + hostile);
            assertThat(js.executeScript("return window.__pwned === undefined")).as(hostile).isEqualTo(true);
        }
        // refused at the door, with the field named, and nothing stored
        driver.get(url("/console/incidents"));
        WebElement name = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".console-incident-name input")));
        js.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", name, "Reversed \u202Etext");
        WebElement body = driver.findElement(By.cssSelector(".console-incident-body textarea"));
        body.sendKeys("body");
        driver.findElement(By.cssSelector(".console-declare")).click();
        WebElement error = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//section[contains(@class,'console-declare-form')]//p[contains(@class,'console-error')][string-length(.) > 0]")));
        assertThat(error.getText()).startsWith("name");
        assertThat(new ApiClient(port).get("/api/v2/incidents.json").body()).doesNotContain("Reversed");
        for (WebElement h : driver.findElements(By.cssSelector(".console-incident"))) {
            String id = h.getAttribute("data-incident");
            new ApiClient(port).as("admin", RedSetBootTest.ADMIN_PASSWORD).post("/api/v1/admin/status/incidents/" + id + "/updates",
                    json("{'status':'resolved','body':'test over'}"));
        }
    }

    private void assertNoViolations(String page) {
        HeadlessChromium.assertAccessible(driver, page);
    }

    /** The component's object in the Statuspage JSON names that status. */
    static String componentStatus(String id, String status) {
        return "\\{[^{}]*\"id\":\"" + id + "\"[^{}]*\"status\":\"" + status + "\"|\\{[^{}]*\"status\":\"" + status
                + "\"[^{}]*\"id\":\"" + id + "\"";
    }

    long auditRows(String action, String actor) {
        return jdbc.sql("SELECT count(*) FROM admin.audit_log WHERE action = ? AND actor = ?").params(action, actor)
                .query(Long.class).single();
    }

    @Test
    void anAnonymousVisitorIsSentToTheSignInAndAWrongPasswordIsRefused() throws Exception {
        driver.get(url("/console/sets"));
        wait.until(ExpectedConditions.urlContains("/console/login"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form")));
        assertThat(driver.getPageSource()).doesNotContain("console-tile");

        driver.findElement(By.cssSelector("vaadin-login-form input[name='username']")).sendKeys("console-oncall");
        driver.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys("wrong-password");
        driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit'], vaadin-login-form [part='vaadin-login-submit']")).click();
        wait.until(ExpectedConditions.urlContains("?error"));
        screenshot("login-error");
        assertThat(new ApiClient(port).get("/").status()).as("the public page needs no sign-in").isEqualTo(200);
    }

    @Test
    void anOnCallEngineerAcknowledgesAFiringAlertWithACommentAndAViewerCannot() throws Exception {
        ApiClient oncallApi = new ApiClient(port).as("console-oncall", "oncall-password-1");
        Response taken = oncallApi.post("/api/v1/alerts/alertmanager", json(
                "{'alerts':[{'status':'firing','labels':{'alertname':'ConsoleDrill','set':'00','severity':'page'},"
                        + "'annotations':{'summary':'Drill <b>alert</b> for the console'}}]}"));
        assertThat(taken.status()).as(taken.body()).isEqualTo(200);

        signIn("console-viewer", "viewer-password-1");
        driver.get(url("/console/alerts"));
        WebElement viewerCard = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//section[contains(@class,'console-alert')][.//h2[text()='ConsoleDrill']]")));
        assertThat(viewerCard.findElements(By.cssSelector(".console-ack"))).as("no acknowledge for a VIEWER").isEmpty();
        driver.get(url("/console/sets"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("body")));
        assertThat(driver.findElements(By.cssSelector(".console-sets"))).as("the SETs view is refused to a VIEWER").isEmpty();

        driver.manage().deleteAllCookies();
        signIn("console-oncall", "oncall-password-1");
        assertThat(driver.findElement(By.cssSelector(".console-firing")).getText()).contains("ConsoleDrill");
        screenshot("overview");
        driver.get(url("/console/alerts"));
        WebElement card = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//section[contains(@class,'console-alert')][.//h2[text()='ConsoleDrill']]")));
        assertThat(card.getText()).contains("Drill <b>alert</b> for the console");
        card.findElement(By.cssSelector(".console-ack-comment input")).sendKeys(HOSTILE_COMMENT);
        card.findElement(By.cssSelector(".console-ack")).click();
        WebElement acked = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//section[contains(@class,'console-alert')][.//h2[text()='ConsoleDrill']]//p[contains(@class,'console-acked')]")));
        assertThat(acked.getText()).isEqualTo("Acknowledged by console-oncall: " + HOSTILE_COMMENT);
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__pwned === undefined")).isEqualTo(true);
        screenshot("alerts");
        assertThat(auditRows("alert.ack", "console-oncall")).isEqualTo(1);

        card = driver.findElement(By.xpath("//section[contains(@class,'console-alert')][.//h2[text()='ConsoleDrill']]"));
        assertThat(card.findElement(By.cssSelector(".console-silence-form")).getText())
                .contains("alertname=\"ConsoleDrill\"", "set=\"00\"");
        card.findElement(By.cssSelector(".console-silence-comment input")).sendKeys("drill: quiet for an hour");
        card.findElement(By.cssSelector(".console-silence")).click();
        WebElement active = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".console-silence-active")));
        assertThat(active.getText()).contains("by console-oncall", "drill: quiet for an hour");
        assertThat(auditRows("silence.create", "console-oncall")).isEqualTo(1);

        // declare an incident from the alert: title and component come filled in
        driver.findElement(By.cssSelector(".console-declare-link")).click();
        WebElement title = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".console-incident-name input")));
        assertThat(title.getAttribute("value")).isEqualTo("ConsoleDrill on SET 00");
        driver.findElement(By.cssSelector(".console-declare")).click();
        WebElement incident = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//section[contains(@class,'console-incident')][.//h3[text()='ConsoleDrill on SET 00']]")));
        assertThat(incident.getText()).contains("set-00");
        String incidentId = incident.getAttribute("data-incident");
        assertThat(new ApiClient(port).get("/api/v2/incidents/unresolved.json").body()).contains(incidentId);

        // a change RedSet made meanwhile shows in the incident's timeline, next to the public updates
        Response silence = oncallApi.post("/api/v1/oncall/silences",
                json("{'matchers':['set=\\'00\\''],'comment':'timeline check','duration':'PT1H'}"));
        assertThat(silence.status()).as(silence.body()).isEqualTo(201);
        driver.get(url("/console/incidents"));
        WebElement timeline = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("section[data-incident='" + incidentId + "'] .console-timeline")));
        assertThat(timeline.findElements(By.cssSelector("li[data-kind='update']"))).hasSize(1);
        assertThat(timeline.findElements(By.cssSelector("li[data-kind='change']")).stream().map(WebElement::getText))
                .anyMatch(text -> text.contains("silence.create") && text.contains("timeline check"));
        screenshot("incidents");

        // resolve it with an update: it leaves the open list and the public page's unresolved incidents
        WebElement open = driver.findElement(By.cssSelector("section[data-incident='" + incidentId + "']"));
        open.findElement(By.cssSelector("vaadin-select.console-update-status")).click();
        wait.until(d -> d.findElements(By.xpath("//vaadin-select-item[normalize-space(.)='resolved']"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null)).click();
        open.findElement(By.cssSelector(".console-update-body textarea")).sendKeys("Fixed: the drill is over.");
        open.findElement(By.cssSelector(".console-post-update")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("section[data-incident='" + incidentId + "']"), 0));
        assertThat(new ApiClient(port).get("/api/v2/incidents/unresolved.json").body()).doesNotContain(incidentId);
        assertThat(auditRows("incident.create", "console-oncall")).isEqualTo(1);
        assertThat(auditRows("incident.update", "console-oncall")).isEqualTo(1);

        // schedule a maintenance window for SET 01 (starts in an hour by default), then complete it early
        driver.get(url("/console/maintenance"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".console-maintenance-name input")))
                .sendKeys("Disk swap on SET 01 <i>planned</i>");
        driver.findElement(By.cssSelector(".console-maintenance-body textarea")).sendKeys("Claims keep working.");
        driver.findElement(By.xpath("//vaadin-checkbox[contains(@class,'') and .//label[text()='SET 01']]//input")).click();
        driver.findElement(By.cssSelector(".console-maintenance .console-declare")).click();
        WebElement window = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//section[@data-maintenance][.//h3[text()='Disk swap on SET 01 <i>planned</i>']]")));
        String maintenanceId = window.getAttribute("data-maintenance");
        assertThat(window.getText()).contains("scheduled", "set-01");
        assertThat(new ApiClient(port).get("/api/v2/scheduled-maintenances/upcoming.json").body()).contains(maintenanceId);
        window.findElement(By.cssSelector(".console-post-update")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("section[data-maintenance='" + maintenanceId + "']"), 0));
        assertThat(auditRows("maintenance.create", "console-oncall")).isEqualTo(1);
        assertThat(auditRows("maintenance.update", "console-oncall")).isEqualTo(1);
        assertThat(auditRows("alert.ack", "console-viewer")).isZero();
    }

    @Test
    void anAdminSwitchesASetToDegradedAndThePublicStatusFollows() throws Exception {
        int previousCap = engine.limits(SetId.of(0)).envelopeCap();
        signIn("admin", RedSetBootTest.ADMIN_PASSWORD);
        driver.get(url("/console/sets"));
        WebElement tile = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".console-tile[data-set='01']")));
        WebElement select = tile.findElement(By.cssSelector("vaadin-select"));
        select.click();
        // every select on the page has its items in the DOM; the open one's are the visible ones
        WebElement option = wait.until(d -> d.findElements(By.xpath("//vaadin-select-item[normalize-space(.)='DEGRADED']"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        option.click();
        tile.findElement(By.cssSelector(".console-reason input")).sendKeys("console drill: shedding load");
        tile.findElement(By.cssSelector("vaadin-select.console-return-after")).click();
        wait.until(d -> d.findElements(By.xpath("//vaadin-select-item[normalize-space(.)='after 5s']"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null)).click();
        tile.findElement(By.cssSelector(".console-switch")).click();
        WebElement confirm = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-confirm-dialog-overlay vaadin-button[slot='confirm-button'], vaadin-button[slot='confirm-button']")));
        screenshot("sets-confirm");
        confirm.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".console-tile[data-set='01'] [data-fact='mode']"), "DEGRADED"));
        assertThat(driver.findElement(By.cssSelector(".console-tile[data-set='01'] [data-fact='return']")).getText())
                .startsWith("Returns to NORMAL by itself at");
        screenshot("sets");
        assertThat(auditRows("set.mode", "admin")).isGreaterThanOrEqualTo(1);
        driver.get(url("/console/audit"));
        WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".console-table")));
        assertThat(table.getText()).contains("set.mode", "SET 01", "NORMAL → DEGRADED", "console drill: shedding load");
        screenshot("audit");

        ApiClient anonymous = new ApiClient(port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                anonymous.get("/api/v2/components.json").body()).contains("\"id\":\"set-01\"")
                .containsPattern(componentStatus("set-01", "degraded_performance")));

        // the automatic return brings it back: engine, public status and audit
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                anonymous.get("/api/v2/components.json").body()).containsPattern(componentStatus("set-01", "operational")));
        assertThat(auditRows("set.mode", "system")).isGreaterThanOrEqualTo(1);
        driver.get(url("/console/sets"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".console-tile[data-set='01'] [data-fact='mode']"), "NORMAL"));

        // live limits: the engine applies them at once, the audit keeps before and after
        WebElement cap = driver.findElement(By.cssSelector(".console-tile[data-set='00'] .console-limit-cap input"));
        cap.clear();
        cap.sendKeys("42");
        driver.findElement(By.cssSelector(".console-tile[data-set='00'] .console-save-limits")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.limits(SetId.of(0)).envelopeCap() == 42);
        assertThat(auditRows("set.limits", "admin")).isGreaterThanOrEqualTo(1);

        // pause sends everywhere, after a confirmation; read-only and offline SETs would stay as they are
        WebElement pauseReason = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".console-pause-reason input")));
        pauseReason.sendKeys("drill: <b>no new envelopes</b>");
        driver.findElement(By.cssSelector(".console-pause-all")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("vaadin-button[slot='confirm-button']"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".console-tile[data-set='00'] [data-fact='mode']"), "SEND_PAUSED"));
        assertThat(engine.mode(SetId.of(1))).isEqualTo(SetMode.SEND_PAUSED);
        assertThat(engine.set(SetId.of(0)).lastChange().reason()).isEqualTo("drill: <b>no new envelopes</b>");
        for (String set : new String[]{"00", "01"}) {
            new ApiClient(port).as("admin", RedSetBootTest.ADMIN_PASSWORD)
                    .put("/api/v1/admin/sets/" + set + "/mode", json("{'mode':'NORMAL','reason':'drill over'}"));
        }
        new ApiClient(port).as("admin", RedSetBootTest.ADMIN_PASSWORD)
                .put("/api/v1/admin/sets/00/limits", json("{'envelopeCap':" + previousCap + "}"));
    }
}

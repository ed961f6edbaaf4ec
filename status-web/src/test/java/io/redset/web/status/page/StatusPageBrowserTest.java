package io.redset.web.status.page;

import io.redset.alerts.testing.FakeSmtpServer;
import io.redset.web.ApiClient.Response;
import io.redset.web.ApiClient;
import io.redset.web.HeadlessChromium;
import io.redset.web.RedSetBootTest;
import io.redset.web.SubscriberMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.redset.web.ApiClient.json;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public page in a real browser (Debian's Chromium, headless): it renders components and an
 * incident, the language switch works both ways, and screenshots of light and dark mode (and a
 * phone-sized one) are kept under {@code target/screenshots/}. Runs only in the Maven profile
 * {@code browser-tests} ({@code -Dredset.browser-tests=true}); {@code -Dredset.chromium} and
 * {@code -Dredset.chromedriver} point at other binaries. {@code -Dredset.readme-screenshot=true}
 * also writes {@code docs/status-page.png}.
 */
@RedSetBootTest
@TestPropertySource(properties = {"vaadin.devmode.devTools.enabled=false"})
@EnabledIfSystemProperty(named = "redset.browser-tests", matches = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String INCIDENT = "Claims delayed on SET 00";

    /** The page's mail server: the subscribe form's confirmation arrives here through the outbox. */
    static final FakeSmtpServer SMTP = new FakeSmtpServer();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry r) {
        SubscriberMail.register(r, SMTP);
        // redraws every few seconds, so the tests also see the page while it redraws itself
        r.add("redset.status.poll-interval", () -> "PT2S");
    }

    @LocalServerPort
    int port;

    WebDriver driver;

    @BeforeAll
    void start() throws Exception {
        ApiClient admin = new ApiClient(port).as("admin", RedSetBootTest.ADMIN_PASSWORD);
        Response created = admin.post("/api/v1/admin/status/incidents", json("{'name':'" + INCIDENT + "',"
                + "'status':'identified','impact':'minor','body':'Some claims take up to a minute; no money is lost.',"
                + "'components':{'set-00':'degraded_performance'}}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        admin.post("/api/v1/admin/status/maintenances", json("{'name':'Database upgrade of SET 01',"
                + "'body':'SET 01 moves to a bigger disk; claims keep working.','scheduledFor':'"
                + java.time.Instant.now().plus(Duration.ofDays(1)) + "','scheduledUntil':'"
                + java.time.Instant.now().plus(Duration.ofDays(1)).plus(Duration.ofHours(1)) + "','components':['set-01']}"));

        Files.createDirectories(SCREENSHOTS);
        driver = HeadlessChromium.start("profile", 1280, 2000, o -> { });
    }

    /** Every test starts as a new visitor (language and colours live in the session) on a desktop window. */
    @BeforeEach
    void newVisitor() {
        driver.manage().deleteAllCookies();
        driver.manage().window().setSize(new Dimension(1280, 2000));
    }

    @AfterAll
    void stop() {
        SMTP.close();
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void rendersComponentsAndTheIncidentThenSwitchesLanguageAndColours() throws Exception {
        driver.get("http://localhost:" + port + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-component='set-00']")));
        WebElement main = driver.findElement(By.tagName("main"));
        assertThat(main.getText()).contains("SET 00").contains("SET 01").contains("Red envelope claims")
                .contains(INCIDENT).contains("Degraded performance").contains("Database upgrade of SET 01");
        assertThat(driver.findElements(By.cssSelector("svg.uptime-bar rect"))).hasSizeGreaterThanOrEqualTo(90);
        assertThat(driver.findElement(By.cssSelector(".banner")).getText()).contains("Minor Service Outage");

        // the full timeline opens on click
        WebElement summary = driver.findElement(By.cssSelector("#active-incidents .incident"));
        assertThat(summary.getText()).contains("Some claims take up to a minute");

        shot("status-light.png");
        if (Boolean.getBoolean("redset.readme-screenshot")) {
            Path docs = Path.of("..", "docs");
            if (Files.isDirectory(docs)) {
                Files.copy(SCREENSHOTS.resolve("status-light.png"), docs.resolve("status-page.png"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }

        driver.findElement(By.id("language-switch")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "组件"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("性能下降").contains(INCIDENT);
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        shot("status-light-zh.png");
        driver.findElement(By.id("language-switch")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Components"));

        driver.findElement(By.id("scheme-switch")).click();
        wait.until(d -> "dark".equals(d.findElement(By.tagName("html")).getAttribute("data-scheme")));
        wait.until(ExpectedConditions.attributeToBe(By.id("scheme-switch"), "aria-pressed", "true"));
        // the picture once the page is drawn in the dark colours (#15171c)
        wait.until(d -> "rgb(21, 23, 28)".equals(((JavascriptExecutor) d)
                .executeScript("return getComputedStyle(document.body).backgroundColor")));
        shot("status-dark.png");

        driver.manage().window().setSize(new Dimension(390, 1600));
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                "return document.querySelector('main').getBoundingClientRect().width")).doubleValue() <= 390);
        shot("status-phone-dark.png");
        assertThat(driver.findElement(By.cssSelector("[data-component='set-00']")).isDisplayed()).isTrue();
    }

    /**
     * axe-core's WCAG 2.1 A and AA rules (contrast, names and labels, landmarks, language, ...) on the
     * page in light and dark, in English and Chinese, and on the incident and history pages.
     */
    @Test
    void pagesPassTheWcagRulesOfAxeInLightAndDark() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-component='set-00']")));
        assertNoViolations("/ light");
        driver.findElement(By.id("scheme-switch")).click();
        wait.until(d -> "dark".equals(d.findElement(By.tagName("html")).getAttribute("data-scheme")));
        assertNoViolations("/ dark");
        driver.findElement(By.id("language-switch")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "组件"));
        assertNoViolations("/ dark, Chinese");

        driver.get("http://localhost:" + port + "/history");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(INCIDENT))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".timeline")));
        assertNoViolations("/incidents/{id}");
        driver.get("http://localhost:" + port + "/history");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(INCIDENT)));
        assertNoViolations("/history");
    }

    private void assertNoViolations(String page) {
        HeadlessChromium.assertAccessible(driver, page);
    }

    /** The page redraws itself (snapshot every 5 s, poll here every 2 s); what a visitor types survives it. */
    @Test
    void typingIntoTheSubscribeFormSurvivesTheSelfRefresh() {
        driver.get("http://localhost:" + port + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("subscribe-target")));
        input.sendKeys("still-typing@exam");
        WebElement banner = driver.findElement(By.cssSelector(".banner"));
        wait.until(ExpectedConditions.stalenessOf(banner)); // the content was drawn again
        assertThat(driver.findElement(By.cssSelector(".banner")).isDisplayed()).isTrue();
        assertThat(input.getDomProperty("value")).isEqualTo("still-typing@exam");
        assertThat(driver.switchTo().activeElement()).isEqualTo(input);
    }

    @Test
    void incidentPageShowsTheWholeTimeline() {
        driver.get("http://localhost:" + port + "/history");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(INCIDENT))).click();
        wait.until(ExpectedConditions.urlContains("/incidents/"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".timeline")));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(INCIDENT).contains("Identified");
    }

    @Test
    void subscribeConfirmManageAndUnsubscribeInTheBrowser() throws Exception {
        driver.get("http://localhost:" + port + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("subscribe-target")));
        input.sendKeys("browser-test@example.org");
        driver.findElement(By.cssSelector("#subscribe-components summary")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("subscribe-follow-set-00"))).click();
        ((JavascriptExecutor) driver).executeScript("document.getElementById('subscribe').scrollIntoView()");
        shot("subscribe-form.png");
        driver.findElement(By.id("subscribe-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".subscribe-result"), "confirm"));
        String mail = await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.messages().stream()
                .filter(m -> m.contains("RCPT TO:<browser-test@example.org>")).findFirst().orElse(null), m -> m != null);
        Matcher confirm = Pattern.compile("https?://[^/\\s]+(/subscription/confirm\\?token=[a-z0-9]+)").matcher(mail);
        assertThat(confirm.find()).as(mail).isTrue();

        // the confirmation page, then the manage page it links to: follow one component, then unsubscribe
        driver.get("http://localhost:" + port + confirm.group(1));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("subscription-confirmed"), "Subscription confirmed"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("browser-test@example.org")
                .contains("You get updates for: SET 00.");
        assertNoViolations("/subscription/confirm");
        driver.findElement(By.linkText("Change components or unsubscribe")).click();
        WebElement set00 = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("follow-set-00")));
        assertThat(set00.isSelected()).as("chosen when subscribing").isTrue();
        set00.click();
        driver.findElement(By.id("follow-set-01")).click();
        assertNoViolations("/subscription");
        driver.findElement(By.id("subscription-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("subscription-result"), "Saved."));
        assertThat(driver.findElement(By.id("subscription-result")).getText()).contains("SET 01").doesNotContain("SET 00");
        driver.navigate().refresh();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("follow-set-01"))).isSelected()).isTrue();
        assertThat(driver.findElement(By.id("follow-set-00")).isSelected()).isFalse();
        shot("subscription-manage.png");
        driver.findElement(By.id("subscription-unsubscribe")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "You are unsubscribed"));
    }

    private void shot(String name) throws Exception {
        File file = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}

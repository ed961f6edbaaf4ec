package io.redset.web;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser of the browser tests: Debian's Chromium, headless, with a fresh profile under
 * {@code target/chromium} ({@code -Dredset.chromium} and {@code -Dredset.chromedriver} point at
 * other binaries), and the accessibility check they all run (axe, WCAG 2.1 A and AA).
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** A new browser with an English UI and a window of the given size; {@code options} may add to its settings. */
    public static ChromeDriver start(String profile, int width, int height, Consumer<ChromeOptions> options) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "chromium")), profile);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(System.getProperty("redset.chromium", "/usr/bin/chromium"));
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=en-US", "--user-data-dir=" + dir.toAbsolutePath(), "--window-size=" + width + "," + height);
        options.accept(o);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("redset.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, o);
        driver.manage().window().setSize(new Dimension(width, height));
        return driver;
    }

    /** axe finds no WCAG 2.1 A/AA violation on the page the browser shows (and did run its rules). */
    public static void assertAccessible(WebDriver driver, String page) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        assertThat(results.getViolations()).as(() -> page + ": " + results.getViolations().stream()
                .map(r -> r.getId() + " (" + r.getHelp() + ") at " + r.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget()) + " " + n.getFailureSummary()).toList())
                .toList()).isEmpty();
        assertThat(results.getPasses()).as(page + ": axe ran its rules").isNotEmpty();
    }
}

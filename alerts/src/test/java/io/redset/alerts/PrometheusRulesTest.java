package io.redset.alerts;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker/prometheus/}: promtool checks the rule files and the config, and runs the rule unit
 * tests (CI installs promtool from Debian's {@code prometheus}; skipped only when it is absent).
 */
class PrometheusRulesTest {

    static final Path DIR = Path.of("..", "docker", "prometheus").toAbsolutePath().normalize();

    static String promtool(String... args) throws Exception {
        Process p = new ProcessBuilder(Stream.concat(Stream.of("promtool"), Stream.of(args)).toList())
                .directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("promtool %s said:%n%s", String.join(" ", args), out).isZero();
        return out;
    }

    static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    @Test
    void ruleFilesAreValid() throws Exception {
        Assumptions.assumeTrue(onPath("promtool"), "promtool is not installed");
        assertThat(promtool("check", "rules", "recording.rules.yml", "alerts.rules.yml")).contains("SUCCESS");
        promtool("check", "config", "prometheus.yml");
    }

    @Test
    void ruleUnitTestsPass() throws Exception {
        Assumptions.assumeTrue(onPath("promtool"), "promtool is not installed");
        assertThat(promtool("test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }

    @Test
    void everyDefaultRuleHasAPrometheusTwin() throws Exception {
        String rules = Files.readString(DIR.resolve("alerts.rules.yml"));
        List<String> names = AlertRules.defaults().stream().map(AlertRule::name).toList();
        for (String name : names) {
            assertThat(rules).as("alerts.rules.yml").contains("- alert: " + name + "\n");
        }
        assertThat(Files.readString(DIR.resolve("prometheus.yml"))).contains("recording.rules.yml", "alerts.rules.yml");
    }
}

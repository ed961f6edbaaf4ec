package io.redset.web;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Points {@code redset.embedded.data-dir} at a new directory under {@code target/it-postgres}. The
 * first context of a test JVM wipes what earlier runs left there, so every run starts from empty
 * databases and nothing outside {@code target/} is touched.
 */
public final class TemporaryDataDirectory implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final Path ROOT = Path.of("target", "it-postgres");
    private static boolean wiped;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Path dir = ROOT.resolve(UUID.randomUUID().toString().substring(0, 8));
        synchronized (TemporaryDataDirectory.class) {
            if (!wiped) {
                deleteRecursively(ROOT);
                wiped = true;
            }
        }
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "redset.embedded.data-dir=" + dir.toAbsolutePath());
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

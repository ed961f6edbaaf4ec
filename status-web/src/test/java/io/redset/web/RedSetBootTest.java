package io.redset.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An integration test of the whole application: HTTP on a random port, a fresh embedded
 * PostgreSQL in a temporary directory under {@code target/}, 2 SETs, a known admin password.
 * Every class with exactly this annotation (and nothing else that shapes the context) shares one
 * Spring context, so the suite starts the application once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "redset.sets.count=" + RedSetBootTest.SET_COUNT,
        "redset.admin.password=" + RedSetBootTest.ADMIN_PASSWORD,
        "redset.embedded.port=0",
        "redset.engine.lanes-per-set=2",
        "redset.sets.pool-size=4",
        "redset.control.pool-size=4",
        "logging.level.io.zonky=WARN",
        "vaadin.devmode.usageStatistics.enabled=false"
})
@ContextConfiguration(initializers = TemporaryDataDirectory.class)
public @interface RedSetBootTest {

    int SET_COUNT = 2;
    String ADMIN_PASSWORD = "admin-test-password";
}

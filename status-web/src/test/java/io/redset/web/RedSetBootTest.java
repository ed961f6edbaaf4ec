package io.redset.web;

import io.redset.engine.testing.DatabaseTest;
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
@DatabaseTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "redset.sets.count=" + RedSetBootTest.SET_COUNT,
        "redset.admin.password=" + RedSetBootTest.ADMIN_PASSWORD,
        "redset.api.key=" + RedSetBootTest.API_KEY,
        "redset.security.jwt.hmac-secret=" + RedSetBootTest.JWT_SECRET,
        "redset.security.jwt.issuer-uri=" + RedSetBootTest.JWT_ISSUER,
        "redset.security.jwt.audiences=redset",
        // the suite shares one context and sends wrong passwords on purpose: throttling is tested in its own context
        "redset.security.throttle.max-failures-per-address=100000",
        "redset.security.throttle.max-failures-per-account=100000",
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
    /** The service key {@code default} (send, claim, read; every SET). */
    String API_KEY = "test-service-key-0123456789abcdefghijklmnop";
    /** HS256 secret of the test users' JWTs (see JwtTokens). */
    String JWT_SECRET = "test-jwt-secret-0123456789abcdefghijklmnop";
    String JWT_ISSUER = "https://issuer.test.example";
}

package io.redset.engine.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that needs PostgreSQL ({@link TestPostgres}, {@link ControlDatabase} or a whole
 * Spring context with its embedded database). They run in every build; the unit tests alone, checked
 * without a database in seconds, run with {@code ./mvnw test -DexcludedGroups=database}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(DatabaseTest.TAG)
public @interface DatabaseTest {

    /** The JUnit tag. */
    String TAG = "database";
}

package io.redset.web;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module and package boundaries of docs/architecture.md, checked on the compiled classes of all
 * four modules (status-web's test class path holds them all): the three library modules are plain
 * Java without Spring; no module reaches into another's {@code internal} package; the modules
 * depend on each other one way only (status-web -> alerts -> probes -> core-engine); and the
 * feature packages of status-web have no cycles. A new dependency that breaks one of these fails
 * here, naming the classes.
 */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            // main classes only, whether a module comes as target/classes (mvn test) or as its jar
            // (mvn verify); the modules' test jars are left out
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.redset");

    @Test
    void theLibraryModulesCompileWithoutSpring() {
        noClasses().that().resideInAnyPackage("io.redset.engine..", "io.redset.probes..", "io.redset.alerts..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..", "com.vaadin..")
                .check(MAIN);
    }

    @Test
    void noModuleReachesIntoAnotherModulesInternals() {
        for (String module : new String[]{"engine", "probes", "alerts"}) {
            noClasses().that().resideOutsideOfPackage("io.redset." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.redset." + module + ".internal..")
                    .as("nothing outside io.redset." + module + " uses its internal package")
                    .check(MAIN);
        }
    }

    @Test
    void modulesDependOneWayOnly() {
        noClasses().that().resideInAPackage("io.redset.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.redset.probes..", "io.redset.alerts..", "io.redset.web..")
                .check(MAIN);
        noClasses().that().resideInAPackage("io.redset.probes..")
                .should().dependOnClassesThat().resideInAnyPackage("io.redset.alerts..", "io.redset.web..")
                .check(MAIN);
        noClasses().that().resideInAPackage("io.redset.alerts..")
                .should().dependOnClassesThat().resideInAPackage("io.redset.web..")
                .check(MAIN);
    }

    @Test
    void theLibraryModulesPackagesHaveNoCycles() {
        for (String module : new String[]{"engine", "probes", "alerts"}) {
            slices().matching("io.redset." + module + ".(**)").should().beFreeOfCycles().check(MAIN);
        }
    }

    @Test
    void theFeaturePackagesOfStatusWebHaveNoCycles() {
        slices().matching("io.redset.web.(**)").should().beFreeOfCycles().check(MAIN);
    }
}

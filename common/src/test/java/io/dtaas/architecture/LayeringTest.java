package io.dtaas.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the shared code (docs/architecture.md, "Layering"), checked on the compiled classes so a
 * change that breaks a rule fails the build: no package cycles; the connector SPI knows no connector;
 * connectors don't know each other; file formats don't know connectors; the change-capture engine knows no
 * connector (what depends on the source is its {@code ChangeCapture}, on the destination its {@code ChangeSink}).
 */
class LayeringTest {

    /** One package per connector type. */
    static final List<String> CONNECTORS = List.of("postgres", "mysql", "sqlserver", "oracle", "snowflake", "s3", "files");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dtaas");
    }

    private static String[] packages(List<String> connectors) {
        return connectors.stream().map(c -> "io.dtaas.connect." + c + "..").toArray(String[]::new);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.dtaas.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theSpiKnowsNoConnector() {
        noClasses().that().resideInAPackage("io.dtaas.connect")
                .should().dependOnClassesThat().resideInAnyPackage(packages(CONNECTORS))
                .because("connectors plug into the SPI; only connect.standard lists them").check(classes);
    }

    @Test
    void connectorsDoNotKnowEachOther() {
        for (String connector : CONNECTORS) {
            String[] others = packages(CONNECTORS.stream().filter(c -> !c.equals(connector)).toList());
            noClasses().that().resideInAPackage("io.dtaas.connect." + connector + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others).check(classes);
        }
    }

    @Test
    void formatsDoNotKnowConnectors() {
        noClasses().that().resideInAPackage("io.dtaas.format..")
                .should().dependOnClassesThat().resideInAPackage("io.dtaas.connect..").check(classes);
    }

    @Test
    void theChangeCaptureEngineKnowsNoConnector() {
        String[] connectorsAndTheirSupport = Stream.concat(Stream.of(packages(CONNECTORS)),
                Stream.of("io.dtaas.connect.jdbc..", "io.dtaas.connect.objectstore..")).toArray(String[]::new);
        noClasses().that().resideInAPackage("io.dtaas.cdc..")
                .should().dependOnClassesThat().resideInAnyPackage(connectorsAndTheirSupport)
                .because("a source's change capture is its connector's ChangeCapture, a destination's sink its "
                        + "ChangeSink").check(classes);
    }

    @Test
    void connectorsAndTheSpiDoNotReachIntoTheEngines() {
        noClasses().that().resideInAPackage("io.dtaas.connect..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dtaas.engine..", "io.dtaas.cdc..",
                        "io.dtaas.cluster..", "io.dtaas.metadata..")
                .check(classes);
    }
}

package io.dtaas.controlplane.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The control-plane's layering (docs/architecture.md, "Layering"), checked on the compiled classes: its feature
 * packages form no cycle, and the shared layers under them (HTTP errors, the metadata model, launch settings,
 * security) know no feature. A feature that needs another one's data reads the shared metadata model or calls that
 * feature's service; it never reaches back up.
 */
class FeatureLayeringTest {

    /** Packages every feature may use and that use no feature. */
    static final String[] SHARED = {"io.dtaas.controlplane.api..", "io.dtaas.controlplane.metadata..",
            "io.dtaas.controlplane.launch..", "io.dtaas.controlplane.security.."};
    /** Feature packages (one per concern of the API and the runtime). */
    static final String[] FEATURES = {"io.dtaas.controlplane.alert..", "io.dtaas.controlplane.browser..",
            "io.dtaas.controlplane.checkpoint..", "io.dtaas.controlplane.cluster..", "io.dtaas.controlplane.connector..",
            "io.dtaas.controlplane.dashboard..", "io.dtaas.controlplane.dispatch..", "io.dtaas.controlplane.engine..",
            "io.dtaas.controlplane.execution..", "io.dtaas.controlplane.gateway..", "io.dtaas.controlplane.live..",
            "io.dtaas.controlplane.notification..", "io.dtaas.controlplane.schedule..", "io.dtaas.controlplane.task..",
            "io.dtaas.controlplane.transform..", "io.dtaas.controlplane.ui..", "io.dtaas.controlplane.validation..",
            "io.dtaas.controlplane.variable..", "io.dtaas.controlplane.openapi.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dtaas.controlplane");
    }

    @Test
    void featurePackagesFormNoCycle() {
        slices().matching("io.dtaas.controlplane.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void sharedLayersKnowNoFeature() {
        noClasses().that().resideInAnyPackage(SHARED)
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .because("features build on the shared layers, never the other way round").check(classes);
    }
}

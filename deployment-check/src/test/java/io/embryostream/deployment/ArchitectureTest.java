package io.embryostream.deployment;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The structure every module keeps: its packages depend on each other without a cycle. */
class ArchitectureTest {

    /** The main classes of every module (this one depends on all of them), tests left out. */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.embryostream");

    @Test
    void noPackageCycleInAnyModule() {
        slices().matching("io.embryostream.(**)").should().beFreeOfCycles().check(MAIN);
    }
}

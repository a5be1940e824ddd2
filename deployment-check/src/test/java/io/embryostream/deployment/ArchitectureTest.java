package io.embryostream.deployment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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

    /** One owner per vendor: a vendor package knows the shared contract, never another vendor or the ingest runs. */
    @Test
    void eachVendorPackageUsesOnlyTheSharedContract() {
        for (String vendor : new String[] {"miri", "embryoscope", "gomez"}) {
            noClasses().that().resideInAPackage("io.embryostream.ingest." + vendor + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(otherIngestPackages(vendor, "annotation", "format"))
                    .check(MAIN);
        }
    }

    /** The contract below the vendors knows none of them; only layout (detection) lists them all. */
    @Test
    void theExportContractKnowsNoVendor() {
        noClasses().that().resideInAnyPackage("io.embryostream.ingest.format..", "io.embryostream.ingest.annotation..")
                .should().dependOnClassesThat().resideInAnyPackage("io.embryostream.ingest.miri..",
                        "io.embryostream.ingest.embryoscope..", "io.embryostream.ingest.gomez..", "io.embryostream.ingest.layout..",
                        "io.embryostream.ingest.source..", "io.embryostream.ingest.publish..", "io.embryostream.ingest.dataset..")
                .check(MAIN);
        noClasses().that().resideInAPackage("io.embryostream.ingest.source..")
                .should().dependOnClassesThat().resideInAnyPackage("io.embryostream.ingest.miri..",
                        "io.embryostream.ingest.embryoscope..", "io.embryostream.ingest.gomez..", "io.embryostream.ingest.dataset..")
                .check(MAIN);
    }

    /** The production ingest holds nothing of the synthetic world (its module does not even depend on it). */
    @Test
    void theProductionIngestUsesNothingSynthetic() {
        noClasses().that().resideInAPackage("io.embryostream.ingest..")
                .should().dependOnClassesThat().resideInAPackage("io.embryostream.synthetic..").check(MAIN);
    }

    private static String[] otherIngestPackages(String self, String... allowed) {
        return java.util.Arrays.stream(new String[] {"miri", "embryoscope", "gomez", "layout", "source", "publish", "dataset",
                        "canonical", "video", "annotation", "format"})
                .filter(p -> !p.equals(self) && !java.util.Arrays.asList(allowed).contains(p))
                .map(p -> "io.embryostream.ingest." + p + "..").toArray(String[]::new);
    }
}

package org.gantry.study;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * gantry-study's packages are layers, lowest first; the module reaches training only through
 * gantry-core's run and configuration API, never through DJL, and it never names Spark.
 */
class LayeringTest {
    static final List<String> LAYERS = List.of("search", "spec", "plan", "state", "stop", "run", "report", "api");

    private static final JavaClasses STUDY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.gantry.study");

    @Test
    void packagesAreLayersWithoutCycles() {
        slices().matching("org.gantry.study.(*)..").should().beFreeOfCycles().check(STUDY);
        List<String> packages = STUDY.stream().map(c -> c.getPackageName().replaceFirst("^org\\.gantry\\.study\\.?", ""))
                .map(p -> p.contains(".") ? p.substring(0, p.indexOf('.')) : p).distinct().sorted().toList();
        org.assertj.core.api.Assertions.assertThat(packages).containsExactlyInAnyOrderElementsOf(LAYERS);
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).stream().map(p -> "org.gantry.study." + p + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("org.gantry.study." + LAYERS.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above)
                    .because(LAYERS.get(i) + " is a lower layer than those").check(STUDY);
        }
    }

    @Test
    void noDjlAndNoSpark() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "org.apache.spark..", "scala..")
                .check(STUDY);
    }
}

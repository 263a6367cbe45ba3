package org.gantry.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * gantry-core's packages are layers: each may use only the packages listed before it, so a
 * reader can take them in this order and never meet a forward reference.
 */
class LayeringTest {
    /** Lowest first. */
    static final List<String> LAYERS = List.of("engine", "optim", "nn", "model", "loss", "regularise", "game", "train",
            "latent", "sample", "output", "checkpoint", "features", "evaluate", "run", "api");

    /** gantry-core with the modules below it (base, data, eval). */
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.gantry");
    private static final JavaClasses CORE = ALL.that(
            com.tngtech.archunit.base.DescribedPredicate.describe("in gantry-core",
                    c -> c.getPackageName().startsWith("org.gantry.core")));

    @Test
    void packagesFormNoCycles() {
        slices().matching("org.gantry.core.(*)..").should().beFreeOfCycles().check(CORE);
        slices().matching("org.gantry.(*)..").should().beFreeOfCycles().check(ALL);
    }

    @Test
    void everyPackageIsALayer() {
        List<String> packages = CORE.stream().map(c -> c.getPackageName().replaceFirst("^org\\.gantry\\.core\\.?", ""))
                .map(p -> p.contains(".") ? p.substring(0, p.indexOf('.')) : p).distinct().sorted().toList();
        org.assertj.core.api.Assertions.assertThat(packages).containsExactlyInAnyOrderElementsOf(LAYERS);
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).stream().map(p -> "org.gantry.core." + p + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("org.gantry.core." + LAYERS.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above)
                    .because(LAYERS.get(i) + " is a lower layer than those")
                    .check(CORE);
        }
    }

    @Test
    void onlyTheEngineReachesIntoDjlsPyTorchClasses() {
        noClasses().that().resideOutsideOfPackage("org.gantry.core.engine..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl.pytorch..")
                .check(CORE);
    }
}

package io.github.exha.examples.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static io.github.exha.examples.architecture.ExhaModule.ROOT;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.Arrays;
import java.util.List;

/**
 * No package cycles (Style 7). A slice pattern {@code <root>.(**)} makes every package its own slice,
 * so a cycle between any two packages is found, including parent and child packages
 * ({@code core} ↔ {@code core.kernel}).
 *
 * <p>The per-module rule repeats the check inside each module ({@code <root>.core.(**)}, and so on for every
 * module of {@link ExhaModule}: storage-spi {@code <root>.storage.spi}, storage-tck {@code <root>.storage.tck},
 * storage-san-sim {@code <root>.storage.sim}, cluster-model {@code <root>.cluster}, exchange-model
 * {@code <root>.exchange}, replication, upgrade, examples), so its failure already names the module.
 * Cycles between modules are also impossible under {@link LayeringRules}. Modules without classes are
 * allowed.
 */
public final class CycleRules {

    /** No cycles between any packages under the root. */
    @ArchTest
    public static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES = packagesAreFreeOfCycles(ROOT);

    /** No cycles between the packages of any one module. */
    @ArchTest
    public static final ArchRule PACKAGES_WITHIN_EACH_MODULE_ARE_FREE_OF_CYCLES =
            packagesWithinEachModuleAreFreeOfCycles(ROOT);

    private CycleRules() {
    }

    public static ArchRule packagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(**)")
                .should().beFreeOfCycles()
                .because("package cycles make modules impossible to split and to reason about");
    }

    public static ArchRule packagesWithinEachModuleAreFreeOfCycles(String root) {
        List<ArchRule> perModule = Arrays.stream(ExhaModule.values())
                .map(module -> (ArchRule) slices().matching(module.basePackage(root) + ".(**)")
                        .namingSlices(module.layerName() + " package $1")
                        .should().beFreeOfCycles()
                        .because("a module's packages form a hierarchy of concepts, not a tangle")
                        .allowEmptyShould(true))
                .toList();
        return CompositeArchRule.of(perModule)
                .as("packages within each module should be free of cycles");
    }
}

package io.github.exha.examples.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static io.github.exha.examples.architecture.ExhaModule.ROOT;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.dependencies.Slice;
import java.util.Arrays;
import java.util.List;

/**
 * No package cycles (Style 7). A slice pattern {@code <root>.(**)} makes every package its own slice,
 * so a cycle between any two packages is found, including parent and child packages
 * ({@code core} ↔ {@code core.kernel}).
 *
 * <p>The per-module rule repeats the check among the packages of each module alone (core {@code <root>.core..},
 * storage-spi {@code <root>.storage.spi..}, storage-tck {@code <root>.storage.tck..}, storage-san-sim
 * {@code <root>.storage.sim..}, cluster-model {@code <root>.cluster..}, exchange-model {@code <root>.exchange..},
 * replication {@code <root>.replication..}, upgrade {@code <root>.upgrade..}, examples {@code <root>.examples..};
 * see {@link ExhaModule}), so its failure names the module.
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
                .map(module -> slices().matching(root + ".(**)")
                        // Not matching("<module>.(**)"): that pattern leaves out the module's base package itself.
                        .that(inModule(module, root))
                        .should().beFreeOfCycles()
                        .allowEmptyShould(true))
                .toList();
        return CompositeArchRule.of(perModule)
                .as("packages within each module should be free of cycles, because a module's packages form a"
                        + " hierarchy of concepts, not a tangle");
    }

    private static DescribedPredicate<Slice> inModule(ExhaModule module, String root) {
        DescribedPredicate<JavaClass> inModulePackages = resideInAPackage(module.packages(root));
        return describe("are packages of " + module.layerName(),
                slice -> slice.stream().allMatch(inModulePackages::test));
    }
}

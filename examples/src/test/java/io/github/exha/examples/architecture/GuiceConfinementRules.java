package io.github.exha.examples.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static io.github.exha.examples.architecture.ExhaModule.ROOT;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.github.exha.core.CompositionRoot;
import java.util.Optional;

/**
 * Guice appears only where the object graph is wired: {@code *Module} classes and classes annotated
 * {@link CompositionRoot} (Style 2). Everything else is plain constructor-injected Java using
 * {@code jakarta.inject}, which stays usable everywhere, so it can be built by hand in tests and by
 * integrators who do not use Guice.
 *
 * <p>Applies to every class under the root (modules per {@link ExhaModule}); the storage modules are also
 * held to the stricter {@link SpiPurityRules}. Classes nested in an allowed class (binding helpers,
 * anonymous {@code AbstractModule}s, {@code TypeLiteral}s) inherit the permission.
 */
public final class GuiceConfinementRules {

    // Declared before the rules: static initialisation runs top to bottom.
    private static final DescribedPredicate<JavaClass> NOT_WIRING_CLASS = describe(
            "are neither *Module nor @CompositionRoot classes nor nested in one",
            javaClass -> !isOrIsNestedInWiringClass(javaClass));

    /** Only modules and composition roots name Guice. */
    @ArchTest
    public static final ArchRule ONLY_MODULES_AND_COMPOSITION_ROOTS_USE_GUICE =
            onlyModulesAndCompositionRootsUseGuice(ROOT);

    private GuiceConfinementRules() {
    }

    public static ArchRule onlyModulesAndCompositionRootsUseGuice(String root) {
        return noClasses()
                .that().resideInAPackage(root + "..")
                .and(NOT_WIRING_CLASS)
                .should().dependOnClassesThat().resideInAPackage("com.google.inject..")
                .because("wiring lives in one public XxxModule per Maven module and the composition root;"
                        + " everything else uses constructor injection with jakarta.inject");
    }

    private static boolean isOrIsNestedInWiringClass(JavaClass javaClass) {
        for (Optional<JavaClass> current = Optional.of(javaClass); current.isPresent();
                current = current.get().getEnclosingClass()) {
            JavaClass candidate = current.get();
            if (candidate.getSimpleName().endsWith("Module") || candidate.isAnnotatedWith(CompositionRoot.class)) {
                return true;
            }
        }
        return false;
    }
}

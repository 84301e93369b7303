package io.github.exha.examples.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaModifier.SYNTHETIC;
import static com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates.modifier;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static io.github.exha.examples.architecture.ExhaModule.ROOT;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.BitSet;
import java.util.Dictionary;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Parallelism means many labs in one JVM, so no lab may see another's state through a static
 * (ARCHITECTURE.md, "Lab"). Static fields are constants: final, and of a type that cannot change.
 *
 * <p>Applies to every class under the root (modules per {@link ExhaModule}). Compiler-generated fields
 * ({@code $VALUES}, {@code $SwitchMap$..}, {@code $assertionsDisabled}) are synthetic and exempt.
 *
 * <p>The mutable-type check sees only the declared type: {@code static final List<X> L = new ArrayList<>()}
 * passes because bytecode does not say which object a field holds. Declare constants with the concrete
 * immutable factories ({@code List.of}, {@code Map.copyOf}) and review the rest.
 */
public final class StaticStateRules {

    // Declared before the rules: static initialisation runs top to bottom.
    private static final DescribedPredicate<JavaField> WRITTEN_BY_HAND =
            DescribedPredicate.<JavaField>not(modifier(SYNTHETIC)).as("are not compiler-generated");

    private static final DescribedPredicate<JavaClass> MUTABLE_HOLDER = or(
            describe("an array", JavaClass::isArray),
            // Every mutable JDK collection and map extends one of these (or is listed); a field declared as
            // List/Map/Set (the interfaces) is not matched, so List.of constants stay legal.
            assignableTo(AbstractCollection.class),
            assignableTo(AbstractMap.class),
            assignableTo(Dictionary.class),
            assignableTo(CopyOnWriteArrayList.class),
            assignableTo(StringBuilder.class),
            assignableTo(StringBuffer.class),
            assignableTo(BitSet.class),
            assignableTo(Random.class),
            resideInAPackage("java.util.concurrent.atomic.."))
            .as("an array or a mutable collection, map, builder, atomic or random generator");

    /** Static fields are final. */
    @ArchTest
    public static final ArchRule STATIC_FIELDS_ARE_FINAL = staticFieldsAreFinal(ROOT);

    /** Static final fields do not hold arrays or known mutable collections, builders, atomics or generators. */
    @ArchTest
    public static final ArchRule STATIC_FIELDS_ARE_NOT_MUTABLE_HOLDERS = staticFieldsAreNotMutableHolders(ROOT);

    private StaticStateRules() {
    }

    public static ArchRule staticFieldsAreFinal(String root) {
        return fields()
                .that().areDeclaredInClassesThat().resideInAPackage(root + "..")
                .and().areStatic()
                .and(WRITTEN_BY_HAND)
                .should().beFinal()
                .because("labs run in parallel and must not share state")
                .allowEmptyShould(true);
    }

    public static ArchRule staticFieldsAreNotMutableHolders(String root) {
        return noFields()
                .that().areDeclaredInClassesThat().resideInAPackage(root + "..")
                .and().areStatic()
                .and(WRITTEN_BY_HAND)
                .should().haveRawType(MUTABLE_HOLDER)
                .because("a final reference to a mutable object is still shared state between labs")
                .allowEmptyShould(true);
    }
}

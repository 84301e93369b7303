package io.github.exha.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static io.github.exha.examples.architecture.ExhaModule.ROOT;
import static io.github.exha.examples.architecture.ExhaModule.STORAGE_KIT;
import static io.github.exha.examples.architecture.ExhaModule.STORAGE_SAN_SIM;
import static io.github.exha.examples.architecture.ExhaModule.STORAGE_SPI;
import static io.github.exha.examples.architecture.ExhaModule.STORAGE_TCK;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The storage modules stay free of the host's machinery, so a vendor can implement and certify a plugin
 * with nothing but the JDK (Style 1; "Storage SPI (JDK only)").
 *
 * <p>Modules are recognised by package, per {@link ExhaModule}: storage-spi {@code <root>.storage.spi..},
 * storage-tck {@code <root>.storage.tck..}, storage-kit {@code <root>.storage.kit..}, storage-san-sim {@code <root>.storage.sim..}. "The JDK" means
 * {@code java..}. The rules allow empty modules: today none of the three exists.
 */
public final class SpiPurityRules {

    /** storage-spi uses only the JDK: no core, Guice, Jackson or SLF4J. */
    @ArchTest
    public static final ArchRule SPI_DEPENDS_ONLY_ON_THE_JDK = spiDependsOnlyOnTheJdk(ROOT);

    /** The plugin kit is a library over the SPI: JDK and SPI only, no Guice or exha runtime. */
    @ArchTest
    public static final ArchRule KIT_DEPENDS_ONLY_ON_THE_SPI = kitDependsOnlyOnTheSpi(ROOT);

    /** The reference plugin is written exactly as a vendor would: JDK, SPI and the optional kit only. */
    @ArchTest
    public static final ArchRule SIM_PLUGIN_DEPENDS_ONLY_ON_THE_SPI = simPluginDependsOnlyOnTheSpi(ROOT);

    /** The TCK adds JUnit and nothing else, so certifying a plugin needs no exha runtime. */
    @ArchTest
    public static final ArchRule TCK_DEPENDS_ONLY_ON_THE_SPI_AND_JUNIT = tckDependsOnlyOnTheSpiAndJunit(ROOT);

    private SpiPurityRules() {
    }

    public static ArchRule spiDependsOnlyOnTheJdk(String root) {
        return classes()
                .that().resideInAPackage(STORAGE_SPI.packages(root))
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", STORAGE_SPI.packages(root))
                .because("vendors implement the SPI without Guice or any exha runtime; host services reach"
                        + " a plugin only through the SPI's StorageContext")
                .allowEmptyShould(true);
    }

    public static ArchRule simPluginDependsOnlyOnTheSpi(String root) {
        return classes()
                .that().resideInAPackage(STORAGE_SAN_SIM.packages(root))
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", STORAGE_SPI.packages(root), STORAGE_KIT.packages(root),
                        STORAGE_SAN_SIM.packages(root))
                .because("the reference plugin proves the SPI (with the optional kit a vendor may use too) is"
                        + " sufficient on its own")
                .allowEmptyShould(true);
    }

    public static ArchRule kitDependsOnlyOnTheSpi(String root) {
        return classes()
                .that().resideInAPackage(STORAGE_KIT.packages(root))
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", STORAGE_SPI.packages(root), STORAGE_KIT.packages(root))
                .because("the kit is an optional library for plugin authors, built on the SPI alone")
                .allowEmptyShould(true);
    }

    public static ArchRule tckDependsOnlyOnTheSpiAndJunit(String root) {
        return classes()
                .that().resideInAPackage(STORAGE_TCK.packages(root))
                .should().onlyDependOnClassesThat()
                // opentest4j and apiguardian are JUnit's own API (assertion failures, aborted = skipped tests).
                .resideInAnyPackage("java..", "org.junit..", "org.opentest4j..", "org.apiguardian..",
                        STORAGE_SPI.packages(root), STORAGE_TCK.packages(root))
                .because("a vendor certifies a plugin with the SPI, the TCK and JUnit on the classpath")
                .allowEmptyShould(true);
    }
}

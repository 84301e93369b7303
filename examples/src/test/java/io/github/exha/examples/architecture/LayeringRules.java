package io.github.exha.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static io.github.exha.examples.architecture.ExhaModule.AVAILABILITY;
import static io.github.exha.examples.architecture.ExhaModule.CLUSTER_MODEL;
import static io.github.exha.examples.architecture.ExhaModule.CORE;
import static io.github.exha.examples.architecture.ExhaModule.EXAMPLES;
import static io.github.exha.examples.architecture.ExhaModule.EXCHANGE_MODEL;
import static io.github.exha.examples.architecture.ExhaModule.REPLICATION;
import static io.github.exha.examples.architecture.ExhaModule.ROOT;
import static io.github.exha.examples.architecture.ExhaModule.STORAGE_KIT;
import static io.github.exha.examples.architecture.ExhaModule.STORAGE_SAN_SIM;
import static io.github.exha.examples.architecture.ExhaModule.STORAGE_SPI;
import static io.github.exha.examples.architecture.ExhaModule.STORAGE_TCK;
import static io.github.exha.examples.architecture.ExhaModule.UPGRADE;
import static io.github.exha.examples.architecture.ExhaModule.layerNames;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

/**
 * Module layering from ARCHITECTURE.md: arrows point down only.
 *
 * <pre>
 * examples → upgrade → replication → exchange-model → cluster-model → storage-spi
 * examples → storage-san-sim → storage-kit → storage-spi        storage-tck → storage-spi
 * cluster-model → storage-kit (a host's system disk is a device built with the kit)
 * examples → availability → replication (availability estimates)
 * cluster-model, exchange-model, replication, upgrade, availability, examples → core
 * </pre>
 *
 * <p>Modules are recognised by package, per {@link ExhaModule}: core {@code <root>.core..}, storage-spi
 * {@code <root>.storage.spi..}, storage-kit {@code <root>.storage.kit..}, storage-tck {@code <root>.storage.tck..}, storage-san-sim
 * {@code <root>.storage.sim..}, cluster-model {@code <root>.cluster..}, exchange-model {@code <root>.exchange..},
 * replication {@code <root>.replication..}, upgrade {@code <root>.upgrade..}, examples {@code <root>.examples..}.
 *
 * <p>Layering is not strict: a module may use any module below it (replication drives the storage SPI
 * directly for SAN replication, for example), mirroring Maven's transitive dependencies. Every layer is
 * optional because most modules do not exist yet.
 */
public final class LayeringRules {

    /** Each module uses only the modules below it; nothing uses examples; only examples names the sim plugin. */
    @ArchTest
    public static final ArchRule MODULES_DEPEND_ONLY_DOWNWARD = modulesDependOnlyDownward(ROOT);

    /** Other modules find storage through the SPI, so a vendor's plugin drops in by classpath alone. */
    @ArchTest
    public static final ArchRule ONLY_EXAMPLES_NAME_THE_SIM_PLUGIN = onlyExamplesNameTheSimPlugin(ROOT);

    /** Keeps the layering rule honest: a class outside every module package would escape it. */
    @ArchTest
    public static final ArchRule EVERY_CLASS_BELONGS_TO_A_MODULE = everyClassBelongsToAModule(ROOT);

    private LayeringRules() {
    }

    /** The layered architecture of the modules under {@code root}. */
    public static ArchRule modulesDependOnlyDownward(String root) {
        LayeredArchitecture layers = layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true);
        for (ExhaModule module : ExhaModule.values()) {
            layers = layers.layer(module.layerName()).definedBy(module.packages(root));
        }
        return layers
                // The kernel and the SPI are the two bottoms; JDK/Guice/Jackson/JUnit are not layers.
                .whereLayer(CORE.layerName()).mayNotAccessAnyLayer()
                .whereLayer(STORAGE_SPI.layerName()).mayNotAccessAnyLayer()
                .whereLayer(STORAGE_TCK.layerName()).mayOnlyAccessLayers(layerNames(STORAGE_SPI))
                .whereLayer(STORAGE_KIT.layerName()).mayOnlyAccessLayers(layerNames(STORAGE_SPI))
                .whereLayer(STORAGE_SAN_SIM.layerName()).mayOnlyAccessLayers(layerNames(STORAGE_SPI, STORAGE_KIT))
                .whereLayer(CLUSTER_MODEL.layerName()).mayOnlyAccessLayers(layerNames(CORE, STORAGE_SPI, STORAGE_KIT))
                .whereLayer(EXCHANGE_MODEL.layerName())
                .mayOnlyAccessLayers(layerNames(CORE, STORAGE_SPI, CLUSTER_MODEL))
                .whereLayer(REPLICATION.layerName())
                .mayOnlyAccessLayers(layerNames(CORE, STORAGE_SPI, CLUSTER_MODEL, EXCHANGE_MODEL))
                .whereLayer(UPGRADE.layerName())
                .mayOnlyAccessLayers(layerNames(CORE, STORAGE_SPI, CLUSTER_MODEL, EXCHANGE_MODEL, REPLICATION))
                // availability estimate: reads the designs of the modules below, never upgrade's workflows
                .whereLayer(AVAILABILITY.layerName())
                .mayOnlyAccessLayers(layerNames(CORE, STORAGE_SPI, CLUSTER_MODEL, EXCHANGE_MODEL, REPLICATION))
                // Stated from the callee's side too, so the failure message says who may use these.
                .whereLayer(STORAGE_SAN_SIM.layerName()).mayOnlyBeAccessedByLayers(layerNames(EXAMPLES))
                .whereLayer(STORAGE_TCK.layerName()).mayOnlyBeAccessedByLayers(layerNames(EXAMPLES))
                // The kit is for building devices: the plugins' LUNs and a host's own system disk (cluster-model).
                // Everything else reaches storage through the SPI only.
                .whereLayer(STORAGE_KIT.layerName())
                .mayOnlyBeAccessedByLayers(layerNames(STORAGE_SAN_SIM, CLUSTER_MODEL, EXAMPLES))
                .whereLayer(EXAMPLES.layerName()).mayNotBeAccessedByAnyLayer()
                .because("arrows point down only (ARCHITECTURE.md, Modules and layering)");
    }

    /** No class outside examples and the sim plugin itself depends on the sim plugin's packages. */
    public static ArchRule onlyExamplesNameTheSimPlugin(String root) {
        return noClasses()
                .that().resideOutsideOfPackages(EXAMPLES.packages(root), STORAGE_SAN_SIM.packages(root))
                .should().dependOnClassesThat().resideInAPackage(STORAGE_SAN_SIM.packages(root))
                .because("every other module finds storage through the SPI, so a vendor's plugin drops in by"
                        + " classpath alone");
    }

    /** Every class under {@code root} lives in one of the module packages of {@link ExhaModule}. */
    public static ArchRule everyClassBelongsToAModule(String root) {
        return classes()
                .that().resideInAPackage(root + "..")
                .should().resideInAnyPackage(ExhaModule.allPackages(root))
                .because("the package of a class says which module it belongs to, and the layering rule only"
                        + " sees classes in module packages");
    }
}

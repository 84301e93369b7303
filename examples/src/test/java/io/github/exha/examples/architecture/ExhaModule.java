package io.github.exha.examples.architecture;

import java.util.Arrays;

/**
 * The package ↔ Maven module convention every architecture rule relies on.
 *
 * <p>Each module owns one base package below a root (the real root is {@value #ROOT}; the rule tests pass
 * another root so the same rules run against fixtures):
 *
 * <table>
 *   <caption>module base packages</caption>
 *   <tr><th>module</th><th>package</th></tr>
 *   <tr><td>core (kernel: {@code <root>.core.kernel..})</td><td>{@code <root>.core..}</td></tr>
 *   <tr><td>storage-spi</td><td>{@code <root>.storage.spi..}</td></tr>
 *   <tr><td>storage-kit</td><td>{@code <root>.storage.kit..}</td></tr>
 *   <tr><td>storage-tck</td><td>{@code <root>.storage.tck..}</td></tr>
 *   <tr><td>storage-san-sim</td><td>{@code <root>.storage.sim..}</td></tr>
 *   <tr><td>cluster-model</td><td>{@code <root>.cluster..}</td></tr>
 *   <tr><td>exchange-model</td><td>{@code <root>.exchange..}</td></tr>
 *   <tr><td>replication</td><td>{@code <root>.replication..}</td></tr>
 *   <tr><td>upgrade</td><td>{@code <root>.upgrade..}</td></tr>
 *   <tr><td>availability</td><td>{@code <root>.availability..}</td></tr>
 *   <tr><td>examples</td><td>{@code <root>.examples..}</td></tr>
 * </table>
 *
 * <p>Rules are written against packages, not Maven artifacts, so they hold for modules that do not exist
 * yet: a module with no classes is simply an empty (optional) layer or slice.
 */
public enum ExhaModule {
    CORE("Core", "core"),
    STORAGE_SPI("Storage SPI", "storage.spi"),
    STORAGE_KIT("Storage kit", "storage.kit"),
    STORAGE_TCK("Storage TCK", "storage.tck"),
    STORAGE_SAN_SIM("Storage SAN sim", "storage.sim"),
    CLUSTER_MODEL("Cluster model", "cluster"),
    EXCHANGE_MODEL("Exchange model", "exchange"),
    REPLICATION("Replication", "replication"),
    UPGRADE("Upgrade", "upgrade"),
    AVAILABILITY("Availability", "availability"),
    EXAMPLES("Examples", "examples");

    /** The root package of the real code base. */
    public static final String ROOT = "io.github.exha";

    private final String layerName;
    private final String relativePackage;

    ExhaModule(String layerName, String relativePackage) {
        this.layerName = layerName;
        this.relativePackage = relativePackage;
    }

    /** The name this module has as a layer or slice in rule descriptions and failure messages. */
    public String layerName() {
        return layerName;
    }

    /** The module's base package under {@code root}, e.g. {@code io.github.exha.storage.spi}. */
    public String basePackage(String root) {
        return root + "." + relativePackage;
    }

    /** The ArchUnit package identifier for the module and all its sub-packages. */
    public String packages(String root) {
        return basePackage(root) + "..";
    }

    /** The simulation kernel's package identifier under {@code root}: the only place allowed to touch wall time, ambient randomness and threads. */
    public static String kernelPackages(String root) {
        return CORE.basePackage(root) + ".kernel..";
    }

    /** Package identifiers of every module under {@code root}. */
    public static String[] allPackages(String root) {
        return Arrays.stream(values()).map(module -> module.packages(root)).toArray(String[]::new);
    }

    /** Layer names of the given modules, for {@code mayOnlyAccessLayers}. */
    static String[] layerNames(ExhaModule... modules) {
        return Arrays.stream(modules).map(ExhaModule::layerName).toArray(String[]::new);
    }
}

package io.github.exha.storage.spi;

import java.util.Set;

/**
 * A vendor's plugin: the entry point found by {@link java.util.ServiceLoader} (list the implementation in
 * {@code META-INF/services/io.github.exha.storage.spi.StorageProvider}). It needs a public no-argument constructor
 * and must be stateless: every array it creates keeps its own state.
 */
public interface StorageProvider {
    /** The vendor id topologies name ({@code sim}); lower-case letters, digits and dashes. */
    String vendorId();

    /** A name for people ({@code exha simulated SAN}). */
    String displayName();

    /**
     * The SPI version the plugin was compiled against; the host refuses incompatible ones
     * ({@link StorageErrorCode#INCOMPATIBLE_SPI_VERSION}). Implement it as
     * {@code return SpiVersion.parse(SpiVersion.VERSION);} so the version is compiled into the plugin, never as
     * {@code SpiVersion.CURRENT}, which is whatever SPI the plugin happens to run next to.
     *
     * @return the version of {@code exha-storage-spi} the plugin was built with
     */
    SpiVersion spiVersion();

    /** What the plugin supports beyond the baseline. */
    Set<Capability> capabilities();

    /**
     * Creates an array.
     *
     * @param spec its name, site, serial, capacity and vendor options
     * @param context the host's virtual time, scheduler, randomness and event listener for this array
     * @throws StorageException {@link StorageErrorCode#INVALID_ARGUMENT} for a vendor option the plugin does not know
     *     or cannot use
     */
    StorageArray createArray(ArraySpec spec, StorageContext context);
}
